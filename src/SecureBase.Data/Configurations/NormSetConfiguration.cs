using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Data.Model;

namespace SecureBase.Data.Configurations;

public sealed class NormSetConfiguration : IEntityTypeConfiguration<StoredNormSet>
{
    public void Configure(EntityTypeBuilder<StoredNormSet> builder)
    {
        builder.ToTable("NormSets");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).HasMaxLength(64);
        builder.Property(n => n.Name).HasMaxLength(200);
        builder.Property(n => n.InstrumentId).HasMaxLength(64);
        builder.Property(n => n.TargetId).HasMaxLength(64);
        builder.HasIndex(n => new { n.InstrumentId, n.TargetId });
        builder.Property(n => n.Origin).HasConversion<string>().HasMaxLength(16);
        builder.Property(n => n.Source).HasMaxLength(2000);
        builder.HasMany(n => n.Entries).WithOne().HasForeignKey(e => e.NormSetId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class NormEntryConfiguration : IEntityTypeConfiguration<StoredNormEntry>
{
    public void Configure(EntityTypeBuilder<StoredNormEntry> builder)
    {
        builder.ToTable("NormEntries");
        builder.HasKey(e => new { e.NormSetId, e.SubscaleId });
        builder.Property(e => e.SubscaleId).HasMaxLength(64);
        builder.Property(e => e.ReliabilityKind).HasConversion<string>().HasMaxLength(16);
    }
}
