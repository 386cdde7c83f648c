using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Sharing;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Authorization;
using SecureBase.Web.Features.Email;
using SecureBase.Web.Features.Invitations;
using Caseload_ = SecureBase.Web.Features.Caseload;

namespace SecureBase.Web.Features.Clients;

public sealed record CaseloadRow(Guid RelationshipId, string ClientId, string Email, DateTimeOffset Since, DateTimeOffset? EndedAt);

// A therapist's clients in their practice: who, since when, what each shares; invite a client; end
// working together (the client keeps all their data; the therapist's access ends at once).
public sealed class IndexModel(AppDbContext db, IAuthorizationService authorization, Viewers viewers, PracticeInvitations invitations, TimeProvider clock,
    Microsoft.AspNetCore.Identity.UserManager<AppUser> users, Caseload.CaseloadSummaries summaries) : PageModel
{
    // The caseload (issue 9): one row per client, sorted by any column, optionally only those who need attention.
    public IReadOnlyList<Caseload.CaseloadEntry> Caseload { get; private set; } = [];
    public int NeedingAttention { get; private set; }
    public NodaTime.Instant Now { get; private set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "order")]
    public string? Order { get; set; }

    [BindProperty(SupportsGet = true, Name = "attention")]
    public bool AttentionOnly { get; set; }

    public string SortKey => Caseload_.CaseloadOrder.IsKnown(Sort) ? Sort! : "flags";
    public bool Descending => Order is null ? SortKey is "flags" or "activity" : Order == "desc";

    public Guid PracticeId { get; private set; }
    public string PracticeName { get; private set; } = "";
    public IReadOnlyList<CaseloadRow> Current { get; private set; } = [];
    public IReadOnlyList<CaseloadRow> Ended { get; private set; } = [];
    public IReadOnlyList<Practice.OpenInvitation> Invitations { get; private set; } = [];
    public NodaTime.DateTimeZone Zone { get; private set; } = NodaTime.DateTimeZone.Utc;
    public string? Message { get; private set; }

    [BindProperty]
    public string? InviteEmail { get; set; }

    // A sort, order or filter the page does not know: the page in its usual order, with what was wrong, as a 400.
    public string? QueryProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        (Sort, Order) = (Sort?.ToLowerInvariant(), Order?.ToLowerInvariant());
        if (Sort is not null && !Caseload_.CaseloadOrder.IsKnown(Sort) || Order is not (null or "asc" or "desc"))
        {
            QueryProblem = "Sort by one of the caseload's columns (the links in its header), ascending or descending. Shown here in the usual order.";
            (Sort, Order) = (null, null);
        }
        if (!ModelState.IsValid)
        {
            QueryProblem = "Show only those who need attention with attention=true, or everyone without it. Shown here for everyone.";
            AttentionOnly = false;
        }
        await LoadCaseloadAsync();
        var page = Page();
        if (QueryProblem is not null) page.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    public async Task<IActionResult> OnPostInviteAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var email = EmailAddresses.Normalize(InviteEmail);
        if (email is null) ModelState.AddModelError(nameof(InviteEmail), "Enter the client's email address, like name@example.org.");
        else if (await invitations.ProblemWithAsync(PracticeId, InvitationKind.Client, email, User.Id(), HttpContext.RequestAborted) is { } problem)
            ModelState.AddModelError(nameof(InviteEmail), problem);
        if (!ModelState.IsValid)
        {
            // The whole page again, caseload and all: an empty caseload here read as "nobody needs attention".
            await LoadCaseloadAsync();
            return Page();
        }
        await invitations.SendAsync(PracticeId, InvitationKind.Client, email!, User.Id(), HttpContext.RequestAborted);
        return Redirect("/Clients?invited=true");
    }

    async Task LoadCaseloadAsync()
    {
        Now = NodaTime.Instant.FromDateTimeOffset(clock.GetUtcNow());
        var all = await summaries.ForTherapistAsync(User, PracticeId, User.Id(), null, HttpContext.RequestAborted);
        NeedingAttention = all.Count(r => r.NeedsAttention);
        Caseload = Caseload_.CaseloadOrder.Sort(AttentionOnly ? all.Where(r => r.NeedsAttention) : all, SortKey, Descending, Now);
    }

    public async Task<IActionResult> OnPostEndAsync(Guid relationshipId)
    {
        if (!await LoadAsync()) return NotFound();
        var now = clock.GetUtcNow();
        var me = User.Id();
        var ended = await db.CareRelationships.Where(r => r.Id == relationshipId && r.TherapistId == me && r.PracticeId == PracticeId && r.EndedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.EndedAt, now).SetProperty(r => r.EndedBy, me), HttpContext.RequestAborted);
        return ended == 0 ? NotFound() : Redirect("/Clients?ended=true");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid invitationId)
    {
        if (!await LoadAsync()) return NotFound();
        var now = clock.GetUtcNow();
        var me = User.Id();
        var withdrawn = await db.Invitations.Where(i => i.Id == invitationId && i.InvitedBy == me && i.Kind == InvitationKind.Client && i.AcceptedAt == null && i.WithdrawnAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.WithdrawnAt, now), HttpContext.RequestAborted);
        return withdrawn == 0 ? NotFound() : Redirect("/Clients?withdrawn=true");
    }

    async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var practices = await authorization.PracticesWhereAsync(viewers, User, PracticeOperation.TakeClients, ct);
        if (practices.Count == 0) return false;
        PracticeId = practices[0];
        var practiceId = PracticeId;
        var practice = await db.Practices.AsNoTracking().FirstAsync(p => p.Id == practiceId, ct);
        PracticeName = practice.Name;
        Zone = await TimeZones.OfAsync(users, User);
        var me = User.Id();
        var rows = await (from r in db.CareRelationships.AsNoTracking()
                          join u in db.Users on r.ClientId equals u.Id
                          where r.TherapistId == me && r.PracticeId == practiceId
                          select new { r.Id, r.ClientId, u.Email, r.StartedAt, r.EndedAt }).ToListAsync(ct);
        var all = rows.Select(r => new CaseloadRow(r.Id, r.ClientId, r.Email ?? "", r.StartedAt, r.EndedAt)).ToList();
        Current = all.Where(r => r.EndedAt is null).OrderBy(r => r.Email, StringComparer.OrdinalIgnoreCase).ToList();
        Ended = all.Where(r => r.EndedAt is not null).OrderByDescending(r => r.EndedAt).Take(20).ToList();
        var now = clock.GetUtcNow();
        Invitations = await db.Invitations.AsNoTracking()
            .Where(i => i.InvitedBy == me && i.PracticeId == practiceId && i.Kind == InvitationKind.Client && i.AcceptedAt == null && i.WithdrawnAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.Email).Select(i => new Practice.OpenInvitation(i.Id, i.Email, i.ExpiresAt)).ToListAsync(ct);
        Message = Request.Query.ContainsKey("invited") ? "Invitation sent. The link works once, for 7 days; the client chooses what to share."
            : Request.Query.ContainsKey("ended") ? "Ended. You no longer see anything of this client; they keep all their data."
            : Request.Query.ContainsKey("withdrawn") ? "Invitation withdrawn: its link no longer works." : null;
        return true;
    }
}
