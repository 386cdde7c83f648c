using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecureBase.Data.Model;

namespace SecureBase.Data.Configurations;

public sealed class BookingProfileConfiguration : IEntityTypeConfiguration<BookingProfile>
{
    public void Configure(EntityTypeBuilder<BookingProfile> builder)
    {
        builder.HasKey(p => new { p.PracticeId, p.TherapistId });
        builder.HasIndex(p => new { p.PracticeId, p.Handle }).IsUnique();
        builder.Property(p => p.Handle).HasMaxLength(40);
        builder.Property(p => p.DisplayName).HasMaxLength(80);
        builder.Property(p => p.TimeZoneId).HasMaxLength(64);
        builder.HasOne<Practice>().WithMany().HasForeignKey(p => p.PracticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(p => p.TherapistId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class WorkingHoursConfiguration : IEntityTypeConfiguration<WorkingHours>
{
    public void Configure(EntityTypeBuilder<WorkingHours> builder)
    {
        builder.HasKey(h => h.Id);
        builder.HasIndex(h => new { h.PracticeId, h.TherapistId });
        builder.HasOne<AppUser>().WithMany().HasForeignKey(h => h.TherapistId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class BookingRequestConfiguration : IEntityTypeConfiguration<BookingRequest>
{
    public void Configure(EntityTypeBuilder<BookingRequest> builder)
    {
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => r.TokenHash).IsUnique();
        builder.HasIndex(r => new { r.PracticeId, r.TherapistId, r.State });
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.Email).HasMaxLength(254);
        builder.Property(r => r.Message).HasMaxLength(500);
        builder.Property(r => r.AnswerMessage).HasMaxLength(500);
        builder.Property(r => r.VisitorTimeZoneId).HasMaxLength(64);
        builder.Property(r => r.TokenHash).HasMaxLength(32);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Practice>().WithMany().HasForeignKey(r => r.PracticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.TherapistId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class SeriesRowConfiguration : IEntityTypeConfiguration<SeriesRow>
{
    public void Configure(EntityTypeBuilder<SeriesRow> builder)
    {
        builder.ToTable("StandingSeries");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => new { s.PracticeId, s.TherapistId });
        builder.HasIndex(s => s.ClientId);
        builder.Property(s => s.ClientEmail).HasMaxLength(254);
        builder.Property(s => s.ClientName).HasMaxLength(100);
        builder.Property(s => s.TimeZoneId).HasMaxLength(64);
        builder.HasOne<Practice>().WithMany().HasForeignKey(s => s.PracticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.TherapistId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OccurrenceChangeConfiguration : IEntityTypeConfiguration<OccurrenceChange>
{
    public void Configure(EntityTypeBuilder<OccurrenceChange> builder)
    {
        builder.HasKey(c => new { c.SeriesId, c.OriginalDate });
        // Pages read a range: what was due in it (the key) and what was moved into it (this index).
        builder.HasIndex(c => new { c.SeriesId, c.MovedToDate });
        builder.Property(c => c.ChangedBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Attendance).HasConversion<string>().HasMaxLength(24);
        builder.Property(c => c.Reason).HasMaxLength(300);
        builder.HasOne<SeriesRow>().WithMany().HasForeignKey(c => c.SeriesId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class OneOffSessionConfiguration : IEntityTypeConfiguration<OneOffSession>
{
    public void Configure(EntityTypeBuilder<OneOffSession> builder)
    {
        builder.ToTable("OneOffSessions");
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => new { s.PracticeId, s.TherapistId });
        builder.HasIndex(s => s.ClientId);
        builder.Property(s => s.ClientEmail).HasMaxLength(254);
        builder.Property(s => s.ClientName).HasMaxLength(100);
        builder.Property(s => s.CancelledBy).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Attendance).HasConversion<string>().HasMaxLength(24);
        builder.Property(s => s.Reason).HasMaxLength(300);
        builder.HasOne<Practice>().WithMany().HasForeignKey(s => s.PracticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.TherapistId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(s => s.ClientId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TimeClaimConfiguration : IEntityTypeConfiguration<TimeClaim>
{
    public void Configure(EntityTypeBuilder<TimeClaim> builder)
    {
        builder.HasKey(c => new { c.TherapistId, c.Minute });   // the unique claim: one holder per therapist and 5-minute cell
        builder.HasIndex(c => c.Holder);
        builder.Property(c => c.Holder).HasMaxLength(80);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(c => c.TherapistId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeedRow>
{
    public void Configure(EntityTypeBuilder<CalendarFeedRow> builder)
    {
        builder.ToTable("CalendarFeeds");
        builder.HasKey(f => f.UserId);
        builder.HasIndex(f => f.TokenHash).IsUnique();
        builder.Property(f => f.TokenHash).HasMaxLength(32);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(f => f.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ReminderDeliveryConfiguration : IEntityTypeConfiguration<ReminderDelivery>
{
    public void Configure(EntityTypeBuilder<ReminderDelivery> builder)
    {
        builder.ToTable("ReminderDeliveries");
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.Occurrence, r.Start, r.OffsetMinutes }).IsUnique();   // the claim
        builder.HasIndex(r => new { r.State, r.NextAttemptAt });
        builder.HasIndex(r => new { r.PracticeId, r.TherapistId, r.DueAt });
        builder.Property(r => r.Occurrence).HasMaxLength(80);
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.LastError).HasMaxLength(300);
        builder.HasOne<Practice>().WithMany().HasForeignKey(r => r.PracticeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.TherapistId).OnDelete(DeleteBehavior.Cascade);
    }
}
