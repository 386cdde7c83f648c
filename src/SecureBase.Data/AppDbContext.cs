using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data.Model;

namespace SecureBase.Data;

public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Administration> Administrations => Set<Administration>();
    public DbSet<ItemResponse> ItemResponses => Set<ItemResponse>();
    public DbSet<ScoreValue> ScoreValues => Set<ScoreValue>();
    public DbSet<StoredNormSet> NormSets => Set<StoredNormSet>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<UserKey> UserKeys => Set<UserKey>();
    public DbSet<ActivationEntry> ActivationEntries => Set<ActivationEntry>();
    public DbSet<ExpectationEntry> ExpectationEntries => Set<ExpectationEntry>();
    public DbSet<Practice> Practices => Set<Practice>();
    public DbSet<PracticeMember> PracticeMembers => Set<PracticeMember>();
    public DbSet<CareRelationshipRow> CareRelationships => Set<CareRelationshipRow>();
    public DbSet<ConsentGrant> ConsentGrants => Set<ConsentGrant>();
    public DbSet<SharedNote> SharedNotes => Set<SharedNote>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuthenticatorKey> AuthenticatorKeys => Set<AuthenticatorKey>();
    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();
    public DbSet<BookingProfile> BookingProfiles => Set<BookingProfile>();
    public DbSet<WorkingHours> WorkingHours => Set<WorkingHours>();
    public DbSet<BookingRequest> BookingRequests => Set<BookingRequest>();
    public DbSet<SeriesRow> StandingSeries => Set<SeriesRow>();
    public DbSet<OccurrenceChange> OccurrenceChanges => Set<OccurrenceChange>();
    public DbSet<OneOffSession> OneOffSessions => Set<OneOffSession>();
    public DbSet<TimeClaim> TimeClaims => Set<TimeClaim>();
    public DbSet<CalendarFeedRow> CalendarFeeds => Set<CalendarFeedRow>();
    public DbSet<ReminderDelivery> ReminderDeliveries => Set<ReminderDelivery>();
    public DbSet<MeasureScheduleRow> MeasureSchedules => Set<MeasureScheduleRow>();
    public DbSet<TherapistEventNote> TherapistEventNotes => Set<TherapistEventNote>();
    public DbSet<FlagAcknowledgement> FlagAcknowledgements => Set<FlagAcknowledgement>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);   // Identity's tables
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
