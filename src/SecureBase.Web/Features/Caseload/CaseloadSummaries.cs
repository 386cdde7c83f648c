using Microsoft.EntityFrameworkCore;
using NodaTime;
using SecureBase.Core.Caseload;
using SecureBase.Core.Measures;
using SecureBase.Core.Scheduling;
using SecureBase.Core.Sharing;
using SecureBase.Core.Statistics;
using SecureBase.Core.Time;
using SecureBase.Data;
using SecureBase.Data.Instruments;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Authorization;
using SecureBase.Web.Features.Clients;
using SecureBase.Web.Features.Questionnaires;
using SecureBase.Web.Features.Scheduling;

namespace SecureBase.Web.Features.Caseload;

// A subscale now: the latest score, its change since the baseline (the first administration) and Core's verdict.
public sealed record ScoreNow(double Latest, double? Change, Verdict Verdict);

// One row of a therapist's caseload. Clinical parts are null where the client does not share them
// (Shared says which); sessions are the therapist's own schedule and always shown.
public sealed record CaseloadEntry(
    Guid RelationshipId, string ClientId, string Email, DateTimeOffset Since, IReadOnlySet<ConsentScope> Shared, DateTimeZone ClientZone,
    Instant? FirstSession, AttendanceSummary? Attendance, Instant? NextSession,
    ScoreNow? Anxiety, ScoreNow? Avoidance, ScoreNow? TherapistAnxiety, ScoreNow? TherapistAvoidance,
    Instant? LastActivity, IReadOnlyList<Flag> Flags, IReadOnlyList<Flag> Quieted)
{
    public bool NeedsAttention => Flags.Count > 0;
}

// Builds caseload rows in a fixed number of set-based queries, whatever the caseload's size (issue 9:
// no N+1): relationships, one batch authorization (audited, one row per client), the clients' figures
// (CaseloadFigures, kept by version), measure schedules, the therapist's diary (TherapistDiaries, kept by
// version), acknowledgements. Core decides verdicts (ReliableChange), due measures (MeasureSchedules),
// attendance (AttendanceRule) and flags (FlagRules).
public sealed class CaseloadSummaries(AppDbContext db, ClinicalAccess access, InstrumentCatalog catalog, SessionDesk sessions, TimeProvider clock, LocalNormSets localNorms,
    CaseloadFigures caseloadFigures, TherapistDiaries diaries)
{
    // What a caseload row reads of each client: scores (verdicts, due measures) and moments one by one (flags,
    // last activity: moment-level, so only with ActivationEntries; weekly summaries alone promise "not the
    // moments themselves"); the digest reads expectations too.
    static readonly ConsentScope[] Wanted = [ConsentScope.Scores, ConsentScope.ActivationEntries];
    public static readonly IReadOnlyList<ConsentScope> WantedByDigest = [.. Wanted, ConsentScope.Expectations];

    // Moments older than this cannot change a flag (quiet 14 days after 8 usual weeks; clusters within 14 days).
    static readonly Duration MomentWindow = Duration.FromDays(FlagRules.QuietDays + FlagRules.UsualWindowDays + 1);

    public async Task<IReadOnlyList<CaseloadEntry>> ForTherapistAsync(System.Security.Claims.ClaimsPrincipal user, Guid practiceId, string therapistId,
        Guid? onlyRelationship, CancellationToken ct, ClinicalBatch? decided = null)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var relationships = await (from r in db.CareRelationships.AsNoTracking()
                                   join u in db.Users on r.ClientId equals u.Id
                                   where r.TherapistId == therapistId && r.PracticeId == practiceId && r.EndedAt == null
                                         && (onlyRelationship == null || r.Id == onlyRelationship)
                                   select new { r.Id, r.ClientId, u.Email, u.TimeZoneId, r.StartedAt }).ToListAsync(ct);
        if (relationships.Count == 0) return [];
        var clientIds = relationships.Select(r => r.ClientId).ToList();
        var batch = decided ?? new ClinicalBatch(clientIds, Wanted, "Caseload summary");
        if (decided is null) await access.DecideAsync(user, batch);
        var scoring = clientIds.Where(c => batch.Allows(c, ConsentScope.Scores)).ToList();
        var logging = clientIds.Where(c => batch.Allows(c, ConsentScope.ActivationEntries)).ToList();

        // Per-person inputs kept between views and reread only where they changed (ADR 0019); only the
        // allowed parts of them are used below.
        var since = (now - MomentWindow).ToDateTimeOffset();
        var figures = await caseloadFigures.OfAsync(db, scoring.Union(logging).ToList(), since, ct);
        var administrations = scoring.SelectMany(c => figures[c].Sittings).ToLookup(a => a.SubjectId);
        var ends = scoring.SelectMany(c => figures[c].Histories).Select(h => (h.First, h.Latest)).ToList();
        var endsOf = ends.ToLookup(e => e.First.SubjectId);
        var scores = scoring.SelectMany(c => figures[c].EndScores).ToLookup(s => s.AdministrationId);
        var norms = new Dictionary<string, NormSet>(StringComparer.Ordinal);
        foreach (var instrument in ends.GroupBy(e => e.First.InstrumentId))
            if (catalog.Find(instrument.Key) is { } pack)
                foreach (var (target, set) in await localNorms.ForTargetsAsync(db, pack, instrument.Select(e => e.First.TargetId).ToList(), clock.GetUtcNow(), ct))
                    norms[$"{instrument.Key}|{target}"] = set;

        var relationshipIds = relationships.Select(r => r.Id).ToList();
        var schedules = (await db.MeasureSchedules.AsNoTracking().Where(m => relationshipIds.Contains(m.RelationshipId)).ToListAsync(ct)).ToLookup(m => m.RelationshipId);
        var moments = logging.SelectMany(c => figures[c].Moments.Where(m => m.OccurredAt >= since).Select(m => (Person: c, Moment: m)))
            .ToLookup(m => m.Person, m => m.Moment);
        var lastMoments = logging.Where(c => figures[c].LastMoment is not null).ToDictionary(c => c, c => figures[c].LastMoment!.Value, StringComparer.Ordinal);

        var diary = await diaries.OfAsync(db, sessions, practiceId, therapistId, now - AttendanceRule.HistoryWindow, now + Duration.FromDays(7 * 8), ct);
        var diaryOf = diary.Sessions.ToLookup(s => s.ClientId, StringComparer.Ordinal);
        var acknowledged = (await db.FlagAcknowledgements.AsNoTracking().Where(a => relationshipIds.Contains(a.RelationshipId))
                .Select(a => new { a.RelationshipId, a.FlagKey, a.AcknowledgedAt }).ToListAsync(ct))
            .ToLookup(a => a.RelationshipId);

        var result = new List<CaseloadEntry>();
        foreach (var r in relationships.Where(r => batch.Keeps.Contains(r.ClientId)))
        {
            var zone = Zones.Find(r.TimeZoneId) ?? DateTimeZone.Utc;
            var shared = batch.Allowed.GetValueOrDefault(r.ClientId) ?? new HashSet<ConsentScope>();
            var seesScores = shared.Contains(ConsentScope.Scores);
            var seesMoments = shared.Contains(ConsentScope.ActivationEntries);

            ScoreNow? Subscale(string instrument, string? target, string subscale)
            {
                if (!seesScores) return null;
                var track = endsOf[r.ClientId].FirstOrDefault(e => e.First.InstrumentId == instrument && e.First.TargetId == target);
                if (track.Latest is null || scores[track.Latest.Id].FirstOrDefault(s => s.ScaleId == subscale)?.Value is not { } latest) return null;
                var first = scores[track.First.Id].FirstOrDefault(s => s.ScaleId == subscale)?.Value;
                if (track.First.Id == track.Latest.Id) return new ScoreNow(latest, null, Verdict.CannotJudgeYet);
                var pack = catalog.Find(instrument);
                var better = pack?.Subscales.FirstOrDefault(s => s.Id == subscale)?.Better ?? Core.Instruments.Better.Lower;
                var verdict = ReliableChange.Compare(subscale, better, first, latest, norms.GetValueOrDefault($"{instrument}|{target}")).Verdict;
                return new ScoreNow(latest, latest - first, verdict);
            }

            var verdicts = !seesScores ? [] : endsOf[r.ClientId].Where(e => e.First.Id != e.Latest.Id)
                .SelectMany(e => (catalog.Find(e.First.InstrumentId)?.Subscales ?? []).Select(s => (e, s)))
                .Select(x => (x.e, x.s, v: ReliableChange.Compare(x.s.Id, x.s.Better, scores[x.e.First.Id].FirstOrDefault(v => v.ScaleId == x.s.Id)?.Value,
                    scores[x.e.Latest.Id].FirstOrDefault(v => v.ScaleId == x.s.Id)?.Value, norms.GetValueOrDefault($"{x.e.First.InstrumentId}|{x.e.First.TargetId}")).Verdict))
                .Select(x => new LatestVerdict(x.e.First.InstrumentId.ToUpperInvariant() + (x.e.First.TargetId is { } t ? $" ({t})" : ""), x.s.Id, x.v,
                    Instant.FromDateTimeOffset(x.e.Latest.CompletedAt)))
                .ToList();
            var measures = !seesScores ? [] : schedules[r.Id].Select(row => MeasureSchedules.StateOf(MeasureDue.ToCore(row),
                administrations[r.ClientId].Where(a => a.InstrumentId == row.InstrumentId && a.TargetId == row.TargetId).Select(a => Instant.FromDateTimeOffset(a.CompletedAt)),
                now, zone)).ToList();
            var recent = !seesMoments ? [] : moments[r.ClientId].Select(m => new Moment(Instant.FromDateTimeOffset(m.OccurredAt), m.Intensity, Instant.FromDateTimeOffset(m.CreatedAt))).ToList();
            var theirs = diaryOf[r.ClientId].ToList();
            var past = theirs.Where(s => s.Start < now).Select(s => new PastSession(s.Start, s.Outcome, s.MarkedAt)).ToList();
            var flags = FlagRules.Raise(new ClientSignals(verdicts, measures, recent, past), now, zone);
            var quiet = acknowledged[r.Id].GroupBy(a => a.FlagKey).ToDictionary(g => g.Key, g => Instant.FromDateTimeOffset(g.Max(a => a.AcknowledgedAt)), StringComparer.Ordinal);
            var open = FlagRules.Unacknowledged(flags, quiet);

            var starts = diary.Starts[r.ClientId].Where(s => s <= now).ToList();
            Instant? lastActivity = null;
            if (seesMoments && lastMoments.TryGetValue(r.ClientId, out var lastMoment)) lastActivity = Instant.FromDateTimeOffset(lastMoment);
            if (seesScores && administrations[r.ClientId].Any())
            {
                var lastSitting = Instant.FromDateTimeOffset(administrations[r.ClientId].Max(a => a.CompletedAt));
                if (lastActivity is null || lastSitting > lastActivity) lastActivity = lastSitting;
            }
            result.Add(new CaseloadEntry(r.Id, r.ClientId, r.Email ?? "", r.StartedAt, shared, zone,
                starts.Count == 0 ? null : starts.Min(), past.Count == 0 ? null : AttendanceRule.Summarise(past, now),
                theirs.Where(s => s.Start >= now && !s.Cancelled).Select(s => (Instant?)s.Start).FirstOrDefault(),
                Subscale("ecr-r", null, "anxiety"), Subscale("ecr-r", null, "avoidance"),
                Subscale("ecr-rs", "therapist", "anxiety"), Subscale("ecr-rs", "therapist", "avoidance"),
                lastActivity, open, flags.Except(open).ToList()));
        }
        return result;
    }
}
