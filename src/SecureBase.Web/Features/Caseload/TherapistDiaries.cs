using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SecureBase.Core.Scheduling;
using SecureBase.Core.Time;
using SecureBase.Data;
using SecureBase.Web.Features.Scheduling;

namespace SecureBase.Web.Features.Caseload;

// A session of the diary as the caseload reads it: whose, when, and what became of it.
public sealed record DiarySession(string ClientId, Instant Start, Instant End, bool Cancelled, Outcome Outcome, Instant? MarkedAt);

// A therapist's diary in one practice: the sessions with clients that overlap a span, and when each
// client's sessions began (each series' first occurrence not cancelled, where it took place; the first
// one-off not cancelled).
public sealed record TherapistDiary(IReadOnlyList<DiarySession> Sessions, ILookup<string, Instant> Starts);

// The caseload's diaries, kept between views (ADR 0025), as CaseloadFigures keeps per-person figures (ADR
// 0019). Each view reads the therapist's diary version in one query and rereads the diary only when the
// version moved or the kept span no longer covers the one asked for. A reread covers a week more than asked,
// so a diary that does not change is read about once a week. The version is read before the diary, so a diary
// kept at version N is never older than the data at N.
public sealed class TherapistDiaries
{
    // A bound on memory: a deployment with more therapists than this rereads some diaries.
    const int MostKept = 2_000;

    static readonly Duration Slack = Duration.FromDays(7);

    const int FirstSessionWithinDays = 7 * 26;

    sealed record Kept(long Version, Instant From, Instant To, IReadOnlyList<DiarySession> Sessions, ILookup<string, Instant> Starts);

    readonly ConcurrentDictionary<(Guid Practice, string Therapist), Kept> kept = new();

    /// <summary>The sessions overlapping [from, to) and every client's session starts, as the data is now.</summary>
    public async Task<TherapistDiary> OfAsync(AppDbContext db, SessionDesk sessions, Guid practiceId, string therapistId, Instant from, Instant to, CancellationToken ct)
    {
        var version = await db.ScheduleVersions.AsNoTracking().Where(v => v.TherapistId == therapistId).Select(v => (long?)v.Version).FirstOrDefaultAsync(ct) ?? 0;
        var key = (practiceId, therapistId);
        if (!kept.TryGetValue(key, out var diary) || diary.Version != version || diary.From > from || diary.To < to)
        {
            diary = await ReadAsync(db, sessions, practiceId, therapistId, version, from, to + Slack, ct);
            if (kept.Count > MostKept) kept.Clear();
            kept.AddOrUpdate(key, diary, (_, old) => old.Version > diary.Version ? old : diary);
        }
        return new TherapistDiary(diary.Sessions.Where(s => s.End > from && s.Start < to).ToList(), diary.Starts);
    }

    static async Task<Kept> ReadAsync(AppDbContext db, SessionDesk sessions, Guid practiceId, string therapistId, long version, Instant from, Instant to, CancellationToken ct)
    {
        var diary = (await sessions.OfTherapistAsync(practiceId, therapistId, from, to, ct))
            .Where(s => s.Parties.ClientId is not null)
            .Select(s => new DiarySession(s.Parties.ClientId!, s.Start, s.End, s.Cancelled, s.Outcome, s.AttendanceMarkedAt)).ToList();
        // Each series' first session: its first occurrence not cancelled, where it took place (a move counts), looked
        // for in the series' first half year; an occurrence change is read only if it was due in that half year.
        var series = await db.StandingSeries.AsNoTracking().Where(s => s.PracticeId == practiceId && s.TherapistId == therapistId && s.ClientId != null).ToListAsync(ct);
        var early = (await (from c in db.OccurrenceChanges.AsNoTracking()
                            join s in db.StandingSeries on c.SeriesId equals s.Id
                            where s.PracticeId == practiceId && s.TherapistId == therapistId && s.ClientId != null && c.OriginalDate <= s.StartDate.AddDays(FirstSessionWithinDays)
                            select c).ToListAsync(ct)).ToLookup(c => c.SeriesId);
        var seriesStarts = series.SelectMany(row =>
        {
            var start = LocalTimes.ToInstant(LocalDateTime.FromDateTime(row.StartDate.ToDateTime(row.Time)), Zones.Find(row.TimeZoneId));
            return Calendar.Touching(row, early[row.Id].ToList(), start, start + Duration.FromDays(FirstSessionWithinDays + 1))
                .Where(o => !o.Cancelled).OrderBy(o => o.Start).Take(1).Select(o => (ClientId: row.ClientId!, o.Start));
        });
        var oneOffStarts = (await db.OneOffSessions.AsNoTracking().Where(s => s.PracticeId == practiceId && s.TherapistId == therapistId && s.ClientId != null && s.CancelledAt == null)
                .GroupBy(s => s.ClientId).Select(g => new { ClientId = g.Key, First = g.Min(s => s.Start) }).ToListAsync(ct))
            .Select(o => (ClientId: o.ClientId!, Start: Instant.FromDateTimeOffset(o.First)));
        return new Kept(version, from, to, diary, seriesStarts.Concat(oneOffStarts).ToLookup(s => s.ClientId, s => s.Start, StringComparer.Ordinal));
    }
}
