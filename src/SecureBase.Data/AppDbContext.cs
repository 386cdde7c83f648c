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
    public DbSet<ClinicalDataVersion> ClinicalDataVersions => Set<ClinicalDataVersion>();
    public DbSet<ScheduleVersion> ScheduleVersions => Set<ScheduleVersion>();

    // A save that changes someone's moments, questionnaires or scores raises their version in the same
    // transaction (ADR 0019), and one that changes a therapist's diary raises theirs (ADR 0025): the caseload
    // keeps figures per person and diaries per therapist, and rereads only those whose version moved.
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var people = Data.ClinicalDataVersions.Touched(ChangeTracker, this);
        var therapists = Data.ScheduleVersions.Touched(ChangeTracker, this);
        if (people.Count == 0 && therapists.Count == 0) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await Data.ClinicalDataVersions.RaiseAsync(this, people, cancellationToken);
            await Data.ScheduleVersions.RaiseAsync(this, therapists, cancellationToken);
            if (own is not null) await own.CommitAsync(cancellationToken);
            return saved;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var people = Data.ClinicalDataVersions.Touched(ChangeTracker, this);
        var therapists = Data.ScheduleVersions.Touched(ChangeTracker, this);
        if (people.Count == 0 && therapists.Count == 0) return base.SaveChanges(acceptAllChangesOnSuccess);
        using var own = Database.CurrentTransaction is null ? Database.BeginTransaction() : null;
        var saved = base.SaveChanges(acceptAllChangesOnSuccess);
        Data.ClinicalDataVersions.Raise(this, people);
        Data.ScheduleVersions.Raise(this, therapists);
        own?.Commit();
        return saved;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);   // Identity's tables
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }
}
