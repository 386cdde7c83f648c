using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Data.Model;

namespace SecureBase.Data.Configurations;

public sealed class AdministrationConfiguration : IEntityTypeConfiguration<Administration>
{
    public void Configure(EntityTypeBuilder<Administration> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.SubjectId).HasMaxLength(64);
        builder.Property(a => a.InstrumentId).HasMaxLength(64);
        builder.Property(a => a.InstrumentVersion).HasMaxLength(32);
        builder.Property(a => a.TargetId).HasMaxLength(32);
        builder.HasIndex(a => new { a.SubjectId, a.InstrumentId, a.CompletedAt });
        builder.HasMany(a => a.Responses).WithOne().HasForeignKey(r => r.AdministrationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(a => a.Scores).WithOne().HasForeignKey(s => s.AdministrationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ItemResponseConfiguration : IEntityTypeConfiguration<ItemResponse>
{
    public void Configure(EntityTypeBuilder<ItemResponse> builder)
    {
        builder.HasKey(r => new { r.AdministrationId, r.ItemId });
        builder.Property(r => r.ItemId).HasMaxLength(64);
    }
}

public sealed class ScoreValueConfiguration : IEntityTypeConfiguration<ScoreValue>
{
    public void Configure(EntityTypeBuilder<ScoreValue> builder)
    {
        builder.HasKey(s => new { s.AdministrationId, s.ScaleId });
        builder.Property(s => s.ScaleId).HasMaxLength(64);
    }
}
