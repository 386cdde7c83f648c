using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Data.Accounts;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Email;

namespace SecureBase.Web.Features.MyData;

// Deletion that really deletes (AccountErasure): every row about the person, in one transaction, including
// the wrapped key that their encrypted text needs; the write-ahead log and the mail folder are cleared of
// them too, and the erasure ledger keeps restored backups from bringing them back.
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AccountRateLimit.Policy)]
public sealed class DeleteModel(AppDbContext db, UserManager<AppUser> users, IOutbox outbox, IConfiguration configuration) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Enter your password to confirm."), StringLength(256)]
    public string? Password { get; set; }

    public bool Deleted { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (ModelState.IsValid && await PasswordChecks.CheckAsync(users, user, Password!) is var check and not PasswordCheck.Correct)
            ModelState.AddModelError(nameof(Password), check == PasswordCheck.LockedOut ? PasswordChecks.LockedMessage : "The password is incorrect.");
        // Accounts of people who work or worked at a practice are kept: the audit trail must go on naming
        // who opened whose data (HIPAA §164.312(b); records kept for years), and an owner's account holds
        // the practice together. Deactivation, not deletion, ends their access.
        var practice = await db.PracticeMembers.Where(m => m.UserId == user.Id)
            .Join(db.Practices, m => m.PracticeId, p => p.Id, (m, p) => p.Name).FirstOrDefaultAsync(HttpContext.RequestAborted);
        if (ModelState.IsValid && practice is not null)
            ModelState.AddModelError("", $"You work, or worked, at {practice}, so this account cannot be deleted: the record of whose data it opened must stay attributable. The practice's owner can deactivate it, which signs it out and ends all access.");
        if (!ModelState.IsValid) return Page();

        var ct = HttpContext.RequestAborted;
        await AccountErasure.EraseAsync(db, users, user, ct);
        AccountErasure.Record(DataPaths.KeyDirectory(configuration), user.Id);   // so no restored backup brings them back
        await outbox.ForgetAsync(user.Email!, ct);      // nor their mail in the data folder
        await HttpContext.RequestServices.GetRequiredService<SignInManager<AppUser>>().SignOutAsync();
        Response.Headers["Clear-Site-Data"] = "\"cache\", \"cookies\", \"storage\"";
        // The answer to this request says it is done, drawn as for someone signed out. Not a redirect to a page
        // anyone could open (a "/?deleted=true" told whoever typed it that an account was gone, and stayed in the
        // phone's history); going back here later only asks to sign in.
        HttpContext.User = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity());
        Deleted = true;
        return Page();
    }
}
