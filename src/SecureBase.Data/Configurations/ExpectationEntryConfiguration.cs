using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Data.Model;

namespace SecureBase.Data.Configurations;

public sealed class ExpectationEntryConfiguration : IEntityTypeConfiguration<ExpectationEntry>
{
    public void Configure(EntityTypeBuilder<ExpectationEntry> builder)
    {
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.UserId, e.RecordedAt });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Relationship).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.CorrectiveKind).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(16);
    }
}
