using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SecureBase.Core.Caseload;
using SecureBase.Core.Sharing;
using SecureBase.Core.Statistics;
using SecureBase.Data;
using SecureBase.Data.Instruments;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Authorization;
using SecureBase.Web.Features.Caseload;
using SecureBase.Web.Features.Encryption;
using SecureBase.Web.Features.Forms;
using SecureBase.Web.Features.Scheduling;

namespace SecureBase.Web.Features.Clients;

public sealed record DigestSitting(DateTimeOffset CompletedAt, string Name, IReadOnlyList<(string Subscale, Verdict Verdict)> Verdicts);
public sealed record DigestNote(Guid EntryId, DateTimeOffset OccurredAt, string? Text);
public sealed record EventNoteView(Guid Id, DateOnly OccurredOn, TherapistEventKind Kind, string? Text);

// One line of the relationship's timeline: the client's questionnaires (as far as shared), sessions that
// did not happen, and the therapist's own event notes, by local date.
public sealed record TimelineLine(DateOnly On, string Kind, string Text);

public sealed class EventNoteInput
{
    [Required(ErrorMessage = "Choose the date it happened.")]
    public DateOnly? OccurredOn { get; set; }

    [Required(ErrorMessage = "Choose what kind of event it was."), EnumDataType(typeof(TherapistEventKind), ErrorMessage = "Choose one of the kinds offered.")]
    public TherapistEventKind? Kind { get; set; }

    [StringLength(2000, ErrorMessage = "Keep the note to 2,000 characters."), PlainText(allowLineBreaks: true)]
    public string? Text { get; set; }
}

public sealed class AcknowledgeInput
{
    [Required(ErrorMessage = "Choose the flag to acknowledge."), StringLength(96, ErrorMessage = "Choose one of the flags shown.")]
    public string? Key { get; set; }

    [StringLength(500, ErrorMessage = "Keep the note to 500 characters."), PlainText(allowLineBreaks: true)]
    public string? Note { get; set; }
}

// The session-prep digest (issue 9): what changed since the last session, most important first, only
// from what the client shares; the therapist's flags (acknowledge), and their own event notes.
public sealed class DigestModel(AppDbContext db, ClinicalAccess access, CaseloadSummaries summaries, SessionDesk sessions, InstrumentCatalog catalog,
    PersonalText text, TimeProvider clock, Questionnaires.LocalNormSets localNorms) : ClientPageModel(db, access)
{
    public override ConsentScope Scope => ConsentScope.Scores;

    public CaseloadEntry? Summary { get; private set; }
    public MomentComparison? Moments { get; private set; }
    public IReadOnlyList<ExpectationEntry> Expectations { get; private set; } = [];
    public IReadOnlyList<DigestSitting> Sittings { get; private set; } = [];
    public IReadOnlyList<DigestNote> Notes { get; private set; } = [];
    public IReadOnlyList<EventNoteView> Events { get; private set; } = [];
    public IReadOnlyList<TimelineLine> Timeline { get; private set; } = [];
    public IReadOnlyList<(Flag Flag, DateTimeOffset At, string? Note)> Acknowledged { get; private set; } = [];

    // The therapist's own acts (acknowledgements) in the therapist's zone; the client's days in Zone.
    public DateTimeZone TherapistZone { get; private set; } = DateTimeZone.Utc;
    public Instant From { get; private set; }
    public Instant Now { get; private set; }
    public bool FromLastSession { get; private set; }
    public SessionView? LastSession { get; private set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? FromDate { get; set; }

    public string? FromError { get; private set; }

    [BindProperty]
    public EventNoteInput Event { get; set; } = new();

    [BindProperty]
    public AcknowledgeInput Acknowledge { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string clientId)
    {
        // One audited decision for the whole page: the batch in LoadAsync (Access.Decide per scope, Access.MayKeepRecords).
        var batch = DigestBatch(clientId);
        if (await GuardBatchAsync(clientId, batch) is { } refused) return refused;
        if (!DateIsReadable())
        {
            // The page still answers, for the default period, with the date field and what was wrong with it.
            FromError = $"\"{FromDate}\" is not a date this page can use: choose one between 1 Jan 2000 and today.";
            FromDate = null;
            if (!await LoadAsync(batch)) return NotFound();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return await LoadAsync(batch) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostEventAsync(string clientId)
    {
        if (await GuardRecordsAsync(clientId, "EventNote", null, RecordOperation.Write) is { } refused) return refused;
        Forget(nameof(Acknowledge));
        var today = Now0.InZone(Zone).Date;
        if (Event.OccurredOn is { } on && (LocalDate.FromDateOnly(on) > today.PlusDays(366) || on.Year < 2000))
            ModelState.AddModelError("Event.OccurredOn", "Choose a date between 2000 and a year from today.");
        if (!ModelState.IsValid)
        {
            FromDate = null;
            await LoadAsync();
            return Page();
        }
        var note = new TherapistEventNote
        {
            Id = Guid.NewGuid(), PracticeId = Relationship.PracticeId, RelationshipId = Relationship.Id, TherapistId = User.Id(),
            OccurredOn = Event.OccurredOn!.Value, Kind = Event.Kind!.Value, RecordedAt = clock.GetUtcNow(),
            EncryptedText = string.IsNullOrWhiteSpace(Event.Text) ? null : await text.EncryptAsync(User.Id(), Event.Text.Trim(), Ct),
        };
        await RecordWrites.AuditedAsync(Db, HttpContext, async () =>
        {
            Db.TherapistEventNotes.Add(note);
            return await Db.SaveChangesAsync(Ct) > 0;
        }, Ct);
        return Redirect($"/Clients/{clientId}/Digest?noted=true{FromPart()}#events");
    }

    public async Task<IActionResult> OnPostDeleteEventAsync(string clientId, Guid eventId)
    {
        if (await GuardRecordsAsync(clientId, "EventNote", eventId.ToString(), RecordOperation.Write) is { } refused) return refused;
        Forget(nameof(Event));
        Forget(nameof(Acknowledge));
        var me = User.Id();
        var mine = Db.CareRelationships.Where(r => r.TherapistId == me && r.ClientId == clientId).Select(r => r.Id);
        var deleted = await RecordWrites.AuditedAsync(Db, HttpContext,
            async () => await Db.TherapistEventNotes.Where(n => n.Id == eventId && mine.Contains(n.RelationshipId)).ExecuteDeleteAsync(Ct) > 0, Ct);
        return !deleted ? NotFound() : Redirect($"/Clients/{clientId}/Digest?deleted=true{FromPart()}#events");
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(string clientId)
    {
        if (await GuardRecordsAsync(clientId, "FlagAcknowledgement", null, RecordOperation.Write) is { } refused) return refused;
        Forget(nameof(Event));
        FromDate = ReadableFrom();
        // Only a flag raised now can be acknowledged: the page reads the flags (its own audited decision).
        await LoadAsync();
        var flag = Summary?.Flags.FirstOrDefault(f => f.Key == Acknowledge.Key);
        if (ModelState.IsValid && flag is null)
            ModelState.AddModelError("Acknowledge.Key", Summary?.Quieted.Any(f => f.Key == Acknowledge.Key) == true
                ? "That flag is already acknowledged: it stays quiet until something new raises it."
                : "That flag is not raised now: nothing to acknowledge.");
        if (!ModelState.IsValid) return Page();
        var acknowledgement = new FlagAcknowledgement
        {
            Id = Guid.NewGuid(), PracticeId = Relationship.PracticeId, RelationshipId = Relationship.Id, Kind = flag!.Kind, FlagKey = flag.Key,
            AcknowledgedAt = clock.GetUtcNow(),
            EncryptedNote = string.IsNullOrWhiteSpace(Acknowledge.Note) ? null : await text.EncryptAsync(User.Id(), Acknowledge.Note.Trim(), Ct),
        };
        await RecordWrites.AuditedAsync(Db, HttpContext, async () =>
        {
            Db.FlagAcknowledgements.Add(acknowledgement);
            return await Db.SaveChangesAsync(Ct) > 0;
        }, Ct);
        return Redirect($"/Clients/{clientId}/Digest?acknowledged=true{FromPart()}");
    }

    // The chosen period survives a post: "&from=…" when one was chosen and readable.
    string FromPart() => ReadableFrom() is { } from ? $"&from={from}" : "";

    string? ReadableFrom() => Request.Query["from"].FirstOrDefault() is { } from && DateIsReadable(from) ? from : null;

    // Two forms on one page: a post answers only for its own form's fields.
    void Forget(string form)
    {
        ModelState.Forget(form);
    }

    Instant Now0 => Instant.FromDateTimeOffset(clock.GetUtcNow());

    // The digest's one question about this client: every scope it reads, audited as one "Digest" row.
    static ClinicalBatch DigestBatch(string clientId) => new([clientId], CaseloadSummaries.WantedByDigest, "Digest");

    // A form redrawn with its errors reads the digest again: a second decision, audited as such.
    async Task<ClinicalBatch> DecideAsync()
    {
        var batch = DigestBatch(Header.ClientId);
        await Access.DecideAsync(User, batch);
        return batch;
    }

    bool DateIsReadable() => FromDate is null || DateIsReadable(FromDate);

    bool DateIsReadable(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year >= 2000
            && LocalDate.FromDateOnly(date) <= Now0.InZone(Zone).Date;

    // False when the asker is not (or no longer) this client's therapist.
    async Task<bool> LoadAsync(ClinicalBatch? decided = null)
    {
        Now = Now0;
        var clientId = Header.ClientId;
        Summary = (await summaries.ForTherapistAsync(User, Relationship.PracticeId, User.Id(), Relationship.Id, Ct, decided ?? await DecideAsync())) is [var only, ..] ? only : null;
        if (Summary is null) return false;   // not (or no longer) this client's therapist: the batch refused and audited it
        var me = User.Id();
        TherapistZone = Core.Time.Zones.Find(await Db.Users.Where(u => u.Id == me).Select(u => u.TimeZoneId).FirstAsync(Ct)) ?? DateTimeZone.Utc;
        var shared = Summary.Shared;
        var diary = await sessions.OfTherapistAsync(Relationship.PracticeId, User.Id(), Now - Duration.FromDays(366), Now, Ct);
        LastSession = diary.FindLast(s => s.Parties.ClientId == clientId && !s.Cancelled && s.Start < Now
            && s.Outcome is not (Core.Scheduling.Outcome.NoShow or Core.Scheduling.Outcome.LateCancellation));
        if (FromDate is not null)
        {
            From = Core.Time.LocalTimes.ToInstant(LocalDate.FromDateOnly(DateOnly.ParseExact(FromDate, "yyyy-MM-dd", CultureInfo.InvariantCulture)).AtMidnight(), Zone);
            if (From >= Now) From = Now - Duration.FromDays(1);
        }
        else
        {
            FromLastSession = LastSession is not null;
            From = LastSession?.Start ?? Now - Duration.FromDays(14);
        }
        var from = From.ToDateTimeOffset();

        // Moment by moment: only with the entries shared (weekly summaries promise "not the moments themselves").
        var seesMoments = shared.Contains(ConsentScope.ActivationEntries);
        List<Administration> completed = [];
        if (seesMoments)
        {
            var since = (From - MomentDigest.BeforeWindow).ToDateTimeOffset();
            var moments = await Db.ActivationEntries.AsNoTracking().Where(e => e.UserId == clientId && e.OccurredAt >= since)
                .Select(e => new { e.OccurredAt, e.Intensity, e.Pull, e.Noticed, e.Response }).ToListAsync(Ct);
            Moments = MomentDigest.Compare(moments.Select(m => new DigestMoment(Instant.FromDateTimeOffset(m.OccurredAt), m.Intensity, m.Pull, m.Noticed, m.Response)), From, Now);
        }
        if (shared.Contains(ConsentScope.Expectations))
            Expectations = await Db.ExpectationEntries.AsNoTracking().Where(e => e.UserId == clientId && (e.RecordedAt >= from || e.OutcomeAt >= from))
                .OrderBy(e => e.RecordedAt).ToListAsync(Ct);
        if (shared.Contains(ConsentScope.Scores))
        {
            completed = await Db.Administrations.AsNoTracking().Include(a => a.Scores).Where(a => a.SubjectId == clientId && a.CompletedAt != null).ToListAsync(Ct);
            var sittings = new List<DigestSitting>();
            var normsByPack = new Dictionary<string, NormSet>(StringComparer.Ordinal);   // one computation per instrument, not per relationship
            // A named "other" person's sittings are not one history: no verdict compares them.
            foreach (var track in completed.Where(a => a.TargetId != "other").GroupBy(a => (a.InstrumentId, a.TargetId)))
            {
                var history = track.OrderBy(a => a.CompletedAt).ToList();
                var pack = catalog.Find(track.Key.InstrumentId);
                NormSet? norms = null;
                if (pack is not null && !normsByPack.TryGetValue($"{pack.Id}|{track.Key.TargetId}", out norms))
                    normsByPack[$"{pack.Id}|{track.Key.TargetId}"] = norms = await localNorms.ForAsync(Db, pack, track.Key.TargetId, clock.GetUtcNow(), Ct);
                foreach (var sitting in history.Where(a => a.CompletedAt >= from))
                    sittings.Add(new DigestSitting(sitting.CompletedAt!.Value,
                        track.Key.InstrumentId.ToUpperInvariant() + (pack?.Targets.FirstOrDefault(t => t.Id == track.Key.TargetId)?.Label is { } label ? $" about: {label}" : ""),
                        (pack?.Subscales ?? []).Select(s => (s.Name, sitting.Id == history[0].Id ? Verdict.CannotJudgeYet
                            : ReliableChange.Compare(s.Id, s.Better, history[0].ScoreOf(s.Id), sitting.ScoreOf(s.Id), norms).Verdict)).ToList()));
            }
            Sittings = sittings.OrderBy(s => s.CompletedAt).ToList();
        }

        // Notes the client chose to share, from the period: linked, each opened as its own audited request.
        Notes = Header.SharedNotes.Where(n => n.OccurredAt >= from).OrderBy(n => n.OccurredAt).Select(n => new DigestNote(n.EntryId, n.OccurredAt, null)).ToList();

        // Every relationship of this therapist with this client: notes written before an ending and a new
        // invitation stay theirs to read and delete.
        var events = await (from n in Db.TherapistEventNotes.AsNoTracking()
                            join r in Db.CareRelationships on n.RelationshipId equals r.Id
                            where r.TherapistId == me && r.ClientId == clientId
                            orderby n.OccurredOn descending, n.RecordedAt descending
                            select n).Take(50).ToListAsync(Ct);
        var views = new List<EventNoteView>();
        foreach (var e in events)
            views.Add(new EventNoteView(e.Id, e.OccurredOn, e.Kind, (await text.DecryptAsync(User.Id(), e.EncryptedText, Ct)).Text));
        Events = views;
        if (Summary is { Quieted.Count: > 0 })
        {
            var acks = await Db.FlagAcknowledgements.AsNoTracking().Where(a => a.RelationshipId == Relationship.Id).ToListAsync(Ct);
            var shown = new List<(Flag, DateTimeOffset, string?)>();
            foreach (var flag in Summary.Quieted)
                if (acks.Where(a => a.FlagKey == flag.Key).MaxBy(a => a.AcknowledgedAt) is { } ack)
                    shown.Add((flag, ack.AcknowledgedAt, (await text.DecryptAsync(me, ack.EncryptedNote, Ct)).Text));
            Acknowledged = shown;
        }

        // The timeline: questionnaires with their verdicts (scores shared), sessions missed or cancelled in
        // the past half year, event notes; newest first.
        var lines = Events.Select(e => new TimelineLine(e.OccurredOn, "Your note", $"{EventKindText.Of(e.Kind)}{(e.Text is null ? "" : ": " + e.Text)}")).ToList();
        lines.AddRange(completed.Select(a => new TimelineLine(DateOnly.FromDateTime(Core.Time.LocalTimes.InZone(a.CompletedAt!.Value, Zone).ToDateTimeUnspecified()),
            "Questionnaire", a.InstrumentId.ToUpperInvariant() + (a.TargetId is { } t ? $" ({(t == "other" ? "another person" : t)})" : ""))));
        lines.AddRange(diary.Where(s => s.Parties.ClientId == clientId && s.Start >= Now - Duration.FromDays(183) && s.Outcome is Core.Scheduling.Outcome.NoShow or Core.Scheduling.Outcome.LateCancellation
                or Core.Scheduling.Outcome.CancelledByClient or Core.Scheduling.Outcome.CancelledByTherapist)
            .Select(s => new TimelineLine(DateOnly.FromDateTime(s.Start.InZone(Zone).Date.ToDateTimeUnspecified()), "Session", s.Outcome switch
            {
                Core.Scheduling.Outcome.NoShow => "did not come",
                Core.Scheduling.Outcome.LateCancellation => "cancelled late",
                Core.Scheduling.Outcome.CancelledByClient => "cancelled by the client",
                _ => "cancelled by you" + (s.Reason is null ? "" : $" ({s.Reason})"),
            })));
        Timeline = lines.OrderByDescending(l => l.On).Take(40).ToList();
        return true;
    }
}

public static class EventKindText
{
    public static string Of(TherapistEventKind kind) => kind switch
    {
        TherapistEventKind.Rupture => "Rupture",
        TherapistEventKind.Repair => "Repair",
        TherapistEventKind.BreakAnnounced => "Break announced",
        TherapistEventKind.Holiday => "Holiday",
        _ => "Other",
    };
}
