using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SecureBase.Core.Time;
using SecureBase.Data;
using SecureBase.Data.Practices;
using SecureBase.Web.Features.Authorization;

namespace SecureBase.Web.Features.Practice;

public sealed record AuditView(DateTimeOffset At, string Actor, string Role, string Client, string Kind, string? ResourceId, string Scope, string Action, bool Allowed, string? Address);

// The practice's audit log for its owner: every access to a client's data by someone else in this
// practice's chain, newest first, filterable by person (either side) and by dates in the practice's zone.
public sealed class AuditModel(AppDbContext db, IAuthorizationService authorization, Viewers viewers) : PageModel
{
    public const int PageSize = 200;

    [BindProperty(SupportsGet = true)]
    public string? Person { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public string PracticeName { get; private set; } = "";
    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;
    public IReadOnlyList<AuditView> Rows { get; private set; } = [];
    public long? FirstBreak { get; private set; }
    public string Head { get; private set; } = "";
    public long ChainLength { get; private set; }
    public long Total { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var practices = await authorization.PracticesWhereAsync(viewers, User, PracticeOperation.Manage, ct);
        if (practices.Count == 0) return NotFound();
        var practiceId = practices[0];
        var practice = await db.Practices.AsNoTracking().FirstAsync(p => p.Id == practiceId, ct);
        PracticeName = practice.Name;
        Zone = Zones.Find(practice.TimeZoneId) ?? DateTimeZone.Utc;
        var chain = (await AuditLog.VerifyAsync(db, ct)).FirstOrDefault(c => c.ChainId == practiceId);
        (FirstBreak, Head, ChainLength) = (chain.FirstBreak, chain.Head ?? SecureBase.Core.Audit.AuditChain.Genesis, chain.Rows);
        var earliest = new DateOnly(2000, 1, 1);
        var latest = new DateOnly(2100, 12, 31);
        if (From is { } f && (f < earliest || f > latest)) ModelState.AddModelError(nameof(From), "Choose a start date between 2000 and 2100.");
        if (To is { } t && (t < earliest || t > latest)) ModelState.AddModelError(nameof(To), "Choose an end date between 2000 and 2100.");
        if (From is { } from && To is { } to && to < from) ModelState.AddModelError(nameof(To), "The end date is before the start date.");
        if (!ModelState.IsValid)
        {
            var refused = Page();
            refused.StatusCode = StatusCodes.Status400BadRequest;
            return refused;
        }

        var query = db.AuditEntries.AsNoTracking().Where(a => a.ChainId == practiceId);
        if (From is { } start) { var at = LocalTimes.ToInstant(LocalDate.FromDateOnly(start).AtMidnight(), Zone).ToDateTimeOffset(); query = query.Where(a => a.At >= at); }
        if (To is { } end) { var at = LocalTimes.ToInstant(LocalDate.FromDateOnly(end).PlusDays(1).AtMidnight(), Zone).ToDateTimeOffset(); query = query.Where(a => a.At < at); }
        if (!string.IsNullOrWhiteSpace(Person))
        {
            var person = Person.Trim().ToUpperInvariant();
            var ids = await db.Users.Where(u => u.NormalizedEmail!.Contains(person)
                    && (db.PracticeMembers.Any(m => m.PracticeId == practiceId && m.UserId == u.Id) || db.CareRelationships.Any(r => r.PracticeId == practiceId && r.ClientId == u.Id)))
                .OrderBy(u => u.NormalizedEmail).Select(u => u.Id).Take(50).ToListAsync(ct);
            // A caseload view is one row naming every client it showed (ADR 0026): found by the names in its Subjects.
            query = query.Where(a => ids.Contains(a.ActorId) || ids.Contains(a.ClientId)
                || (a.ClientId == AuditSubjects.ManyClients && a.Subjects != null && ids.Any(id => a.Subjects.Contains(id))));
        }
        Total = await query.LongCountAsync(ct);
        var rows = await query.OrderByDescending(a => a.Sequence).Take(PageSize).ToListAsync(ct);
        var people = rows.SelectMany(r => new[] { r.ActorId, r.ClientId }).Where(id => id != AuditSubjects.ManyClients).Distinct().ToList();
        // Only people of this practice are named: a member's attempt on someone who is no client here
        // must not tell this practice who that person is.
        var known = (await db.PracticeMembers.Where(m => m.PracticeId == practiceId && people.Contains(m.UserId)).Select(m => m.UserId).ToListAsync(ct))
            .Concat(await db.CareRelationships.Where(r => r.PracticeId == practiceId && people.Contains(r.ClientId)).Select(r => r.ClientId).ToListAsync(ct)).ToHashSet();
        var accounts = await db.Users.Where(u => people.Contains(u.Id)).Select(u => new { u.Id, u.Email }).ToListAsync(ct);
        var emails = accounts.Where(u => known.Contains(u.Id)).ToDictionary(u => u.Id, u => u.Email ?? "");
        var existing = accounts.Select(u => u.Id).ToHashSet();
        // A deleted account's rows stay in the chain under its id; who it was went with it (erasure).
        string Name(string id) => emails.TryGetValue(id, out var email) ? email : existing.Contains(id) ? "(someone not of this practice)" : "(a deleted account)";
        Rows = rows.Select(r => new AuditView(r.At, Name(r.ActorId), r.ActorRole, r.ClientId == AuditSubjects.ManyClients ? ManyClients(r.Subjects) : Name(r.ClientId),
            r.ResourceKind, r.ResourceId, r.Scope, r.Action, r.Allowed, r.Address)).ToList();
        return Page();
    }

    // A row about many clients: how many, and how many had each scope read ("100 clients: 98 scores, moments; 2 nothing shared").
    static string ManyClients(string? subjects)
    {
        var groups = AuditSubjects.Read(subjects);
        var count = groups.SelectMany(g => g.Clients).Distinct().Count();
        return $"{SecureBase.Core.Text.Counted.Of(count, "client", "clients")}: " +
            string.Join("; ", groups.Select(g => $"{g.Clients.Count} {AuditWords.Scopes(g.Scope)}{(g.Allowed ? "" : " (refused)")}"));
    }
}
