using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;

namespace SecureBase.Web.Features.Calendars;

// A person's calendar link and reminders. The link is shown once, right after it is made; afterwards only
// that one exists and when it was made. Anyone signed in has sessions to follow, so anyone may have one.
public sealed class IndexModel(CalendarFeeds feeds, AppDbContext db) : PageModel
{
    public DateTimeOffset? FeedMadeAt { get; private set; }
    public string? NewAddress { get; private set; }
    public bool RemindersOff { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync()
    {
        NewAddress = TempData[NewAddressKey] as string;
        await LoadAsync();
    }

    // Post, then redirect: a reload of the page that shows the new address must not make yet another one
    // (and so kill the address just copied). The address travels once, in the encrypted TempData cookie.
    public async Task<IActionResult> OnPostRenewAsync()
    {
        var token = await feeds.RenewAsync(User.Id(), HttpContext.RequestAborted);
        TempData[NewAddressKey] = feeds.AddressOf(token);
        return Redirect("/Calendars?done=made");
    }

    const string NewAddressKey = "NewCalendarAddress";

    public async Task<IActionResult> OnPostStopAsync()
    {
        await feeds.StopAsync(User.Id(), HttpContext.RequestAborted);
        return Redirect("/Calendars?done=stopped");
    }

    public async Task<IActionResult> OnPostRemindersAsync(bool? wanted)
    {
        if (wanted is not { } on)
        {
            ModelState.AddModelError("wanted", "Choose whether you want reminders: press one of the buttons.");
            await LoadAsync();
            return Page();
        }
        var id = User.Id();
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.SessionRemindersOff, !on), HttpContext.RequestAborted);
        return Redirect(on ? "/Calendars?done=reminders-on" : "/Calendars?done=reminders-off");
    }

    async Task LoadAsync()
    {
        var id = User.Id();
        FeedMadeAt = (await feeds.OfAsync(id, HttpContext.RequestAborted))?.CreatedAt;
        RemindersOff = await db.Users.Where(u => u.Id == id).Select(u => u.SessionRemindersOff).FirstAsync(HttpContext.RequestAborted);
        Message ??= Request.Query["done"].ToString() switch
        {
            "stopped" => "Your calendar link is stopped. Calendars that used it show no more sessions from us.",
            "reminders-on" => "You will get email reminders before your sessions.",
            "reminders-off" => "You will get no email reminders before sessions.",
            _ => null,
        };
    }
}
