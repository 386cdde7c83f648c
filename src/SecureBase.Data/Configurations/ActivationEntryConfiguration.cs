using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Data.Model;

namespace SecureBase.Data.Configurations;

public sealed class ActivationEntryConfiguration : IEntityTypeConfiguration<ActivationEntry>
{
    public void Configure(EntityTypeBuilder<ActivationEntry> builder)
    {
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.UserId, e.OccurredAt });
        builder.HasIndex(e => new { e.UserId, e.ClientId }).IsUnique();   // one moment per device-given id; NULLs never collide
        builder.HasOne<AppUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(e => e.Relationship).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Pull).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Noticed).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Response).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.NewResponseKind).HasConversion<string>().HasMaxLength(24);
    }
}
