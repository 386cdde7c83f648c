using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Authorization;
using SecureBase.Web.Features.Practice;

namespace SecureBase.Web.Features.Sharing;

// "Who looked at my data": every audit row about this client, newest first, allowed and refused.
public sealed class AccessLogModel(AppDbContext db, UserManager<AppUser> users) : PageModel
{
    public const int Shown = 500;

    public IReadOnlyList<AuditView> Rows { get; private set; } = [];
    public DateTimeZone Zone { get; private set; } = DateTimeZone.Utc;

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var me = User.Id();
        Zone = await TimeZones.OfAsync(users, User);
        var rows = await ClientAuditRows.AboutAsync(db, me, Shown, ct);
        // Named: the therapists this client works or worked with. Anyone else who tried is "someone
        // without access": their address is not this client's to know.
        var therapists = await db.CareRelationships.Where(r => r.ClientId == me).Select(r => r.TherapistId).Distinct().ToListAsync(ct);
        var emails = await db.Users.Where(u => therapists.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? "", ct);
        Rows = rows.Select(r => emails.TryGetValue(r.ActorId, out var email)
                ? new AuditView(r.At, email, r.ActorRole, "", r.ResourceKind, r.ResourceId, r.Scope, r.Action, r.Allowed, null)
                : new AuditView(r.At, "Someone without access to your data", "", "", r.ResourceKind, r.ResourceId, r.Scope, r.Action, r.Allowed, null)).ToList();
    }

    public static string Attempt(string action) => action switch
    {
        "write" => "tried to change, and was refused,",
        _ => "tried to open, and was refused,",
    };

    public static string Describe(string kind, string scope) => (kind, scope) switch
    {
        ("Scores", _) => "your questionnaire scores",
        ("Administration", "ItemAnswers") => "your answers to one questionnaire",
        ("Administration", _) => "one of your questionnaire results",
        ("WeeklyMetrics", _) => "your weekly summaries",
        ("ActivationEntries", _) => "your logged moments",
        ("ActivationEntry", "SharedNote") => "one of your notes",
        ("ActivationEntry", _) => "one of your logged moments",
        ("Expectations", _) => "your expectations",
        ("ExpectationEntry", _) => "one of your expectations",
        ("Measures", _) => "which questionnaires they ask you to take, and when you took them",
        ("Caseload summary", "NoneShared") => "your row in their list of clients, which shows no data of yours while you share none",
        ("Digest", "NoneShared") => "their page for preparing a session with you, which shows no data of yours while you share none",
        // Also when a filter ("needs attention") then hid their row: deciding the filter read the same data.
        ("Caseload summary", _) => "a summary of what you share with them, for their list of clients",
        ("Digest", _) => "a summary of what you share with them, before a session",
        _ => "your data",
    };
}
