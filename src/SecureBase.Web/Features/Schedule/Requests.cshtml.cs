using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Authorization;
using SecureBase.Web.Features.Scheduling;

namespace SecureBase.Web.Features.Schedule;

// Requests from the public page: held ones to answer (approve as a one-off or as a standing weekly
// series, or decline with a message), and what became of the recent ones. Every answer is mailed.
public sealed class RequestsModel(AppDbContext db, IAuthorizationService authorization, Viewers viewers, RequestDesk requests, TimeProvider clock)
    : SchedulePageModel(db, authorization, viewers)
{
    public IReadOnlyList<BookingRequest> Waiting { get; private set; } = [];
    public IReadOnlyList<BookingRequest> Recent { get; private set; } = [];
    public int Unconfirmed { get; private set; }
    public IReadOnlyList<string> Conflicts { get; private set; } = [];
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync()) return NotFound();
        Message = Request.Query["done"].ToString() switch
        {
            "weekly" => "Approved as a standing weekly session. They have been told.",
            "once" => "Approved as one session. They have been told.",
            "declined" => "Declined. They have been told.",
            _ => null,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(Guid requestId, bool weekly)
    {
        if (!await LoadAsync()) return NotFound();
        if (!Waiting.Any(r => r.Id == requestId)) return await NotWaitingAsync(requestId);
        var conflicts = await requests.ApproveAsync(Profile, requestId, weekly, HttpContext.RequestAborted);
        if (conflicts is null) return Redirect($"/Schedule/Requests?done={(weekly ? "weekly" : "once")}");
        Conflicts = conflicts;
        await LoadAsync();
        var page = Page();
        page.StatusCode = StatusCodes.Status409Conflict;
        return page;
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid requestId, string? message)
    {
        if (!await LoadAsync()) return NotFound();
        if (!Waiting.Any(r => r.Id == requestId)) return await NotWaitingAsync(requestId);
        if (message is { Length: > 500 } || !Forms.PlainText.IsPlain(message, allowLineBreaks: true))
        {
            ModelState.AddModelError("message", message is { Length: > 500 } ? "Keep the message to 500 characters." : "Use letters, digits, spaces and punctuation only.");
            return Page();
        }
        await requests.DeclineAsync(Profile, requestId, message, HttpContext.RequestAborted);
        return Redirect("/Schedule/Requests?done=declined");
    }

    // A request of theirs answered already (a second tap, a second tab) or no longer held: 409 with what became
    // of it, on the page, not "page not found". Anyone else's request, or none: 404.
    async Task<IActionResult> NotWaitingAsync(Guid requestId)
    {
        var state = await Db.BookingRequests.AsNoTracking()
            .Where(r => r.Id == requestId && r.PracticeId == Profile.PracticeId && r.TherapistId == Profile.TherapistId)
            .Select(r => (RequestState?)r.State).FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (state is null) return NotFound();
        ModelState.AddModelError("", state switch
        {
            RequestState.Approved => "You have already approved that request; it is in your sessions.",
            RequestState.Declined => "You have already declined that request; they have been told.",
            RequestState.Expired => "That request expired before it was answered; the time is free again.",
            RequestState.Taken => "That time was taken by another request before this one was confirmed.",
            _ => "That request is not waiting for an answer: the person has not confirmed it from their email yet.",
        });
        var page = Page();
        page.StatusCode = StatusCodes.Status409Conflict;
        return page;
    }

    async Task<bool> LoadAsync()
    {
        if (!await LoadProfileAsync()) return false;
        var ct = HttpContext.RequestAborted;
        await requests.ExpireAsync(Profile, ct);
        var mine = Db.BookingRequests.AsNoTracking().Where(r => r.PracticeId == Profile.PracticeId && r.TherapistId == Profile.TherapistId);
        Waiting = await mine.Where(r => r.State == RequestState.Held).OrderBy(r => r.Start).ToListAsync(ct);
        var since = clock.GetUtcNow().AddDays(-30);
        Recent = (await mine.Where(r => r.State != RequestState.Held && r.State != RequestState.Unconfirmed && r.CreatedAt > since).ToListAsync(ct))
            .OrderByDescending(r => r.AnsweredAt ?? r.CreatedAt).Take(30).ToList();
        Unconfirmed = await mine.CountAsync(r => r.State == RequestState.Unconfirmed && r.Start > clock.GetUtcNow(), ct);
        return true;
    }
}
