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

namespace SecureBase.Web.Features.Practice;

public sealed record MemberRow(string UserId, string Email, PracticeRole Role, DateTimeOffset JoinedAt, DateTimeOffset? DeactivatedAt, int Clients);

public sealed record OpenInvitation(Guid Id, string Email, DateTimeOffset ExpiresAt);

// The owner's page: who works here, inviting therapists, deactivating one (their sessions end at once
// and so does their access to every client), withdrawing an invitation.
public sealed class IndexModel(AppDbContext db, IAuthorizationService authorization, Viewers viewers, PracticeInvitations invitations, TimeProvider clock) : PageModel
{
    public Data.Model.Practice Practice { get; private set; } = null!;
    public IReadOnlyList<MemberRow> Members { get; private set; } = [];
    public IReadOnlyList<OpenInvitation> Invitations { get; private set; } = [];
    public string? Message { get; private set; }

    [BindProperty]
    public string? InviteEmail { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : NotFound();

    public async Task<IActionResult> OnPostInviteAsync()
    {
        if (!await LoadAsync()) return NotFound();
        var email = EmailAddresses.Normalize(InviteEmail);
        if (email is null)
        {
            ModelState.AddModelError(nameof(InviteEmail), "Enter the therapist's email address, like name@example.org.");
            return Page();
        }
        if (await invitations.ProblemWithAsync(Practice.Id, InvitationKind.Therapist, email, User.Id(), HttpContext.RequestAborted) is { } problem)
        {
            ModelState.AddModelError(nameof(InviteEmail), problem);
            return Page();
        }
        await invitations.SendAsync(Practice.Id, InvitationKind.Therapist, email, User.Id(), HttpContext.RequestAborted);
        return Redirect($"/Practice?invited=true");
    }

    // How long before a session clients may still move or cancel it themselves (a practice policy; 24 hours by default).
    public async Task<IActionResult> OnPostNoticeAsync(int? noticeHours)
    {
        if (!await LoadAsync()) return NotFound();
        if (noticeHours is not (>= 0 and <= 168))
        {
            ModelState.AddModelError("noticeHours", "Enter a number of hours from 0 to 168.");
            return Page();
        }
        var id = Practice.Id;
        await db.Practices.Where(p => p.Id == id).ExecuteUpdateAsync(x => x.SetProperty(p => p.ClientChangeNoticeHours, noticeHours.Value), HttpContext.RequestAborted);
        return Redirect("/Practice?notice=true");
    }

    // What calendars and reminders call a session (discreet: no clinical word is needed), and when reminders go out.
    public async Task<IActionResult> OnPostCalendarAsync(string? calendarTitle, string? reminderOffsets)
    {
        if (!await LoadAsync()) return NotFound();
        var title = (calendarTitle ?? "").Trim();
        if (title.Length is 0 or > 60) ModelState.AddModelError("calendarTitle", "Enter a title of 1 to 60 characters, such as Appointment.");
        else if (!Forms.PlainText.IsPlain(title, allowLineBreaks: false)) ModelState.AddModelError("calendarTitle", "Use letters, digits, spaces and punctuation only.");
        var (offsets, error) = SecureBase.Core.Scheduling.Reminders.ParseOffsets(reminderOffsets);
        if (error is not null) ModelState.AddModelError("reminderOffsets", error);
        if (!ModelState.IsValid) return Page();
        var id = Practice.Id;
        var stored = SecureBase.Core.Scheduling.Reminders.ToMinutes(offsets);
        await db.Practices.Where(p => p.Id == id).ExecuteUpdateAsync(x => x.SetProperty(p => p.CalendarTitle, title).SetProperty(p => p.ReminderOffsets, stored), HttpContext.RequestAborted);
        return Redirect("/Practice?calendar=true");
    }

    public async Task<IActionResult> OnPostDeactivateAsync(string? userId)
    {
        if (!await LoadAsync()) return NotFound();
        var ct = HttpContext.RequestAborted;
        var member = await db.PracticeMembers.FirstOrDefaultAsync(m => m.PracticeId == Practice.Id && m.UserId == userId && m.Role == PracticeRole.Therapist && m.DeactivatedAt == null, ct);
        if (member is null) return NotFound();
        var now = clock.GetUtcNow();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            member.DeactivatedAt = now;
            await db.SaveChangesAsync(ct);
            await db.CareRelationships.Where(r => r.PracticeId == Practice.Id && r.TherapistId == member.UserId && r.EndedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.EndedAt, now).SetProperty(r => r.EndedBy, User.Id()), ct);
            await db.Invitations.Where(i => i.PracticeId == Practice.Id && i.InvitedBy == member.UserId && i.AcceptedAt == null && i.WithdrawnAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.WithdrawnAt, now), ct);
            await Accounts.Sessions.EndAllAsync(db, member.UserId, ct);
            await transaction.CommitAsync(ct);
        }
        return Redirect("/Practice?deactivated=true");
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid invitationId)
    {
        if (!await LoadAsync()) return NotFound();
        var now = clock.GetUtcNow();
        var withdrawn = await db.Invitations.Where(i => i.Id == invitationId && i.PracticeId == Practice.Id && i.Kind == InvitationKind.Therapist && i.AcceptedAt == null && i.WithdrawnAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.WithdrawnAt, now), HttpContext.RequestAborted);
        return withdrawn == 0 ? NotFound() : Redirect("/Practice?withdrawn=true");
    }

    async Task<bool> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var practices = await authorization.PracticesWhereAsync(viewers, User, PracticeOperation.Manage, ct);
        if (practices.Count == 0) return false;
        Practice = await db.Practices.AsNoTracking().FirstAsync(p => p.Id == practices[0], ct);
        var practiceId = Practice.Id;
        Members = await (from m in db.PracticeMembers.AsNoTracking()
                         join u in db.Users on m.UserId equals u.Id
                         where m.PracticeId == practiceId
                         orderby m.Role, u.Email
                         select new MemberRow(m.UserId, u.Email!, m.Role, m.JoinedAt, m.DeactivatedAt,
                             db.CareRelationships.Count(r => r.PracticeId == practiceId && r.TherapistId == m.UserId && r.EndedAt == null))).ToListAsync(ct);
        var now = clock.GetUtcNow();
        Invitations = await db.Invitations.AsNoTracking()
            .Where(i => i.PracticeId == practiceId && i.Kind == InvitationKind.Therapist && i.AcceptedAt == null && i.WithdrawnAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.Email).Select(i => new OpenInvitation(i.Id, i.Email, i.ExpiresAt)).ToListAsync(ct);
        Message = Request.Query.ContainsKey("invited") ? "Invitation sent. The link works once, for 7 days."
            : Request.Query.ContainsKey("deactivated") ? "Deactivated. Their sessions have ended and they no longer see any client."
            : Request.Query.ContainsKey("withdrawn") ? "Invitation withdrawn: its link no longer works."
            : Request.Query.ContainsKey("notice") ? "Saved: clients see the new notice period at once."
            : Request.Query.ContainsKey("calendar") ? "Saved: calendars show the new title when they next check; reminders follow the new times from now on." : null;
        return true;
    }
}
