using Microsoft.EntityFrameworkCore;
using NodaTime;
using SecureBase.Core.Scheduling;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Data.Scheduling;

namespace SecureBase.Web.Features.Scheduling;

// Refused: the time is taken. Conflicts name what is in the way ("week 20 (Mon 13 Jul 2026) meets
// Sam's weekly session on Mon 13 Jul 2026"), for the therapist; a visitor is told only that it was taken.
public sealed class TimeTakenException(IReadOnlyList<string> conflicts) : Exception("The time is taken.")
{
    public IReadOnlyList<string> Conflicts { get; } = conflicts;
}

// Every change to a therapist's bookings: each runs serialised per therapist (BookingTransaction), asks
// Core's conflict rule first, and then claims its cells, which the database refuses to double.
public sealed class BookingDesk(AppDbContext db, Calendar calendar, ILogger<BookingDesk> log)
{
    public Task<T> RunAsync<T>(BookingProfile profile, Func<Task<T>> work, CancellationToken ct) =>
        BookingTransaction.RunAsync(db, profile.TherapistId, async () =>
        {
            await ExtendSeriesClaimsAsync(profile, ct);
            return await work();
        }, ct);

    // Asks the rule, then claims: throws TimeTakenException (the caller's transaction rolls back) on any conflict.
    public async Task ClaimAsync(BookingProfile profile, IReadOnlyList<(Booked Span, string Holder)> proposed, IReadOnlyCollection<Booked> taken, CancellationToken ct)
    {
        var buffer = Duration.FromMinutes(profile.BufferMinutes);
        var acceptance = Bookings.CanAccept(taken, proposed.Select(p => p.Span).ToList(), buffer);
        if (!acceptance.Accepted)
            throw new TimeTakenException(acceptance.Conflicts.Select(c => $"{c.Proposed.Label} meets {c.Existing.Label}").Distinct().ToList());
        foreach (var (span, holder) in proposed)
            foreach (var cell in Claims.Cells(span, buffer))
                db.TimeClaims.Add(new TimeClaim { TherapistId = profile.TherapistId, Minute = cell, PracticeId = profile.PracticeId, Holder = holder });
        await SaveOrTakenAsync(ct);
    }

    public async Task SaveOrTakenAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (BookingTransaction.IsTakenClaim(e))
        {
            db.ChangeTracker.Clear();
            throw new TimeTakenException(["another booking committed first"]);
        }
    }

    public Task ReleaseAsync(string holder, CancellationToken ct) => db.TimeClaims.Where(c => c.Holder == holder).ExecuteDeleteAsync(ct);

    // Releases the claims of a series' occurrences due on or after a date (holders end in the yyyy-MM-dd they were due).
    public async Task ReleaseSeriesFromAsync(Guid seriesId, LocalDate from, CancellationToken ct)
    {
        var prefix = Holders.SeriesPrefix(seriesId);
        var fromText = from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var claims = await db.TimeClaims.Where(c => c.Holder.StartsWith(prefix)).ToListAsync(ct);
        db.TimeClaims.RemoveRange(claims.Where(c => string.CompareOrdinal(c.Holder[prefix.Length..], fromText) >= 0));
    }

    // An open-ended series keeps its claims up to the horizon as the horizon rolls forward. Cells someone
    // else holds are not taken over (the conflict rule saw every occurrence, so this is not expected); they are logged.
    async Task ExtendSeriesClaimsAsync(BookingProfile profile, CancellationToken ct)
    {
        var horizon = calendar.HorizonEnd(profile);
        var horizonDate = horizon.ToDateOnly();
        var behind = await db.StandingSeries.Where(s => s.PracticeId == profile.PracticeId && s.TherapistId == profile.TherapistId && s.ClaimedThrough < horizonDate && (s.Until == null || s.Until > s.ClaimedThrough)).ToListAsync(ct);
        if (behind.Count == 0) return;
        var buffer = Duration.FromMinutes(profile.BufferMinutes);
        var changes = (await calendar.ChangesAsync(behind.Select(s => s.Id), ct)).ToLookup(c => c.SeriesId);
        foreach (var series in behind)
        {
            var from = LocalDate.FromDateOnly(series.ClaimedThrough).PlusDays(1);
            var occurrences = Series.Occurrences(Calendar.ToCore(series), from, horizon, changes[series.Id].Select(Calendar.ToCore).ToList()).Where(o => !o.Cancelled).ToList();
            var wanted = occurrences.SelectMany(o => Claims.Cells(o.AsBooked(), buffer).Select(cell => (cell, holder: Holders.Occurrence(series.Id, o.OriginalDate)))).ToList();
            if (wanted.Count > 0)
            {
                var (low, high) = (wanted.Min(w => w.cell), wanted.Max(w => w.cell));
                var held = (await db.TimeClaims.Where(c => c.TherapistId == profile.TherapistId && c.Minute >= low && c.Minute <= high).Select(c => c.Minute).ToListAsync(ct)).ToHashSet();
                var clashes = wanted.Count(w => held.Contains(w.cell));
                if (clashes > 0) log.LogWarning("Series {Series} meets another booking in {Cells} cells as its claims roll forward.", series.Id, clashes);
                db.TimeClaims.AddRange(wanted.Where(w => !held.Contains(w.cell)).Select(w => new TimeClaim { TherapistId = profile.TherapistId, Minute = w.cell, PracticeId = profile.PracticeId, Holder = w.holder }));
            }
            series.ClaimedThrough = horizonDate;
        }
        await SaveOrTakenAsync(ct);
    }
}
