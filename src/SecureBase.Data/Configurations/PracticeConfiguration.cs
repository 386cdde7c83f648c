using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Data.Model;

namespace SecureBase.Data.Configurations;

public sealed class PracticeConfiguration : IEntityTypeConfiguration<Practice>
{
    public void Configure(EntityTypeBuilder<Practice> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(120);
        builder.Property(p => p.TimeZoneId).HasMaxLength(64);
        builder.Property(p => p.Handle).HasMaxLength(40);
        builder.HasIndex(p => p.Handle).IsUnique();
        builder.Property(p => p.ClientChangeNoticeHours).HasDefaultValue(24);
        builder.Property(p => p.CalendarTitle).HasMaxLength(60).HasDefaultValue("Appointment");
        builder.Property(p => p.ReminderOffsets).HasMaxLength(60).HasDefaultValue("1440,120");
    }
}

public sealed class PracticeMemberConfiguration : IEntityTypeConfiguration<PracticeMember>
{
    public void Configure(EntityTypeBuilder<PracticeMember> builder)
    {
        builder.HasKey(m => new { m.PracticeId, m.UserId });
        builder.HasIndex(m => m.UserId);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Practice>().WithMany().HasForeignKey(m => m.PracticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CareRelationshipConfiguration : IEntityTypeConfiguration<CareRelationshipRow>
{
    public void Configure(EntityTypeBuilder<CareRelationshipRow> builder)
    {
        builder.ToTable("CareRelationships");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.PracticeId, r.TherapistId });
        builder.HasIndex(r => r.ClientId);
        builder.HasOne<Practice>().WithMany().HasForeignKey(r => r.PracticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.TherapistId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ConsentGrantConfiguration : IEntityTypeConfiguration<ConsentGrant>
{
    public void Configure(EntityTypeBuilder<ConsentGrant> builder)
    {
        builder.HasKey(g => new { g.RelationshipId, g.Scope });
        builder.Property(g => g.Scope).HasConversion<string>().HasMaxLength(24);
        builder.HasIndex(g => g.PracticeId);
        builder.HasOne<CareRelationshipRow>().WithMany().HasForeignKey(g => g.RelationshipId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SharedNoteConfiguration : IEntityTypeConfiguration<SharedNote>
{
    public void Configure(EntityTypeBuilder<SharedNote> builder)
    {
        builder.HasKey(n => new { n.RelationshipId, n.EntryId });
        builder.HasIndex(n => n.EntryId);
        builder.HasIndex(n => n.PracticeId);
        builder.HasOne<CareRelationshipRow>().WithMany().HasForeignKey(n => n.RelationshipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ActivationEntry>().WithMany().HasForeignKey(n => n.EntryId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.HasKey(i => i.Id);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => new { i.PracticeId, i.Email });
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Email).HasMaxLength(254);
        builder.Property(i => i.TokenHash).HasMaxLength(32);
        builder.HasOne<Practice>().WithMany().HasForeignKey(i => i.PracticeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => new { a.ChainId, a.Sequence }).IsUnique();   // two appends racing for one place: one loses and retries
        builder.HasIndex(a => new { a.ClientId, a.At });
        builder.HasIndex(a => new { a.ActorId, a.At });
        builder.Property(a => a.ActorRole).HasMaxLength(16);
        builder.Property(a => a.ResourceKind).HasMaxLength(32);
        builder.Property(a => a.ResourceId).HasMaxLength(64);
        builder.Property(a => a.Scope).HasMaxLength(96);   // a caseload row names every scope it read: "Scores+ActivationEntries+WeeklyMetrics+Expectations"
        builder.Property(a => a.Action).HasMaxLength(16);
        builder.Property(a => a.Address).HasMaxLength(64);
        builder.Property(a => a.PreviousHash).HasMaxLength(64);
        builder.Property(a => a.Hash).HasMaxLength(64);
    }
}

public sealed class AuthenticatorKeyConfiguration : IEntityTypeConfiguration<AuthenticatorKey>
{
    public void Configure(EntityTypeBuilder<AuthenticatorKey> builder)
    {
        builder.HasKey(k => k.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(k => k.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RecoveryCodeConfiguration : IEntityTypeConfiguration<RecoveryCode>
{
    public void Configure(EntityTypeBuilder<RecoveryCode> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => c.UserId);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MeasureScheduleConfiguration : IEntityTypeConfiguration<MeasureScheduleRow>
{
    public void Configure(EntityTypeBuilder<MeasureScheduleRow> builder)
    {
        builder.ToTable("MeasureSchedules");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.InstrumentId).HasMaxLength(32);
        builder.Property(m => m.TargetId).HasMaxLength(32);
        builder.HasIndex(m => new { m.RelationshipId, m.InstrumentId, m.TargetId }).IsUnique();
        builder.HasIndex(m => m.PracticeId);
        builder.HasOne<CareRelationshipRow>().WithMany().HasForeignKey(m => m.RelationshipId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TherapistEventNoteConfiguration : IEntityTypeConfiguration<TherapistEventNote>
{
    public void Configure(EntityTypeBuilder<TherapistEventNote> builder)
    {
        builder.ToTable("TherapistEventNotes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Kind).HasConversion<string>().HasMaxLength(24);
        builder.HasIndex(n => new { n.RelationshipId, n.OccurredOn });
        builder.HasIndex(n => n.PracticeId);
        builder.HasOne<CareRelationshipRow>().WithMany().HasForeignKey(n => n.RelationshipId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class FlagAcknowledgementConfiguration : IEntityTypeConfiguration<FlagAcknowledgement>
{
    public void Configure(EntityTypeBuilder<FlagAcknowledgement> builder)
    {
        builder.ToTable("FlagAcknowledgements");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(a => a.FlagKey).HasMaxLength(96);
        builder.HasIndex(a => new { a.RelationshipId, a.FlagKey, a.AcknowledgedAt });
        builder.HasIndex(a => a.PracticeId);
        builder.HasOne<CareRelationshipRow>().WithMany().HasForeignKey(a => a.RelationshipId).OnDelete(DeleteBehavior.Cascade);
    }
}
