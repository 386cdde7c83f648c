using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Sharing;
using SecureBase.Core.Time;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Authorization;
using SecureBase.Web.Features.Sharing;

namespace SecureBase.Web.Features.Invitations;

// Following an invitation link. A newcomer creates an account here (the link proves the address); a
// person who already uses SecureBase signs in and accepts into their account, keeping all their
// history. A therapist then enrols an authenticator; a client chooses what to share, nothing ticked.
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(AccountRateLimit.Policy)]
public sealed class AcceptModel(AppDbContext db, UserManager<AppUser> users, PracticeInvitations invitations, Viewers viewers, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public NewAccountInput Input { get; set; } = new();

    [BindProperty]
    public List<ConsentScope> Scopes { get; set; } = [];

    public Invitation? Invitation { get; private set; }
    public string PracticeName { get; private set; } = "";
    public string InviterEmail { get; private set; } = "";
    public InvitationState State { get; private set; }
    public AppUser? SignedIn { get; private set; }
    public bool AccountExists { get; private set; }
    public string? Problem { get; private set; }

    public bool ForClient => Invitation?.Kind == InvitationKind.Client;

    public async Task<IActionResult> OnGetAsync()
    {
        ModelState.Clear();
        return await LoadAsync() ?? Page();
    }

    public async Task<IActionResult> OnPostCreateAccountAsync()
    {
        if (await LoadAsync() is { } stop) return stop;
        if (State != InvitationState.Open || SignedIn is not null || AccountExists) return Page();
        ModelState.Remove(nameof(Scopes));
        if (!ModelState.IsValid) return Page();
        var email = Invitation!.Email;
        foreach (var validator in users.PasswordValidators)
            foreach (var error in (await validator.ValidateAsync(users, new AppUser { Email = email }, Input.Password)).Errors)
                ModelState.AddModelError("Input.Password", error.Description);
        if (!ModelState.IsValid) return Page();
        // The link reached this address, so it is confirmed.
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, TimeZoneId = Zones.Canonical(Input.TimeZone)!, CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user, Input.Password!);
        if (!created.Succeeded)
        {
            foreach (var error in created.Errors) ModelState.AddModelError("", error.Description);
            return Page();
        }
        await Accounts.Sessions.SignInAsync(HttpContext, user);
        return Redirect(Here);
    }

    public async Task<IActionResult> OnPostAcceptAsync()
    {
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Input", StringComparison.Ordinal)).ToList()) ModelState.Remove(key);   // the account form is not this one
        if (await LoadAsync() is { } stop) return stop;
        if (State != InvitationState.Open || SignedIn is null || Problem is not null) return Page();
        var ct = HttpContext.RequestAborted;
        var invitation = Invitation!;
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await invitations.ClaimAsync(invitation, SignedIn.Id, ct))
        {
            State = InvitationState.AlreadyUsed;
            return Page();
        }
        if (invitation.Kind == InvitationKind.Therapist)
        {
            var member = await db.PracticeMembers.FirstOrDefaultAsync(m => m.PracticeId == invitation.PracticeId && m.UserId == SignedIn.Id, ct);
            if (member is null) db.PracticeMembers.Add(new PracticeMember { PracticeId = invitation.PracticeId, UserId = SignedIn.Id, Role = PracticeRole.Therapist, JoinedAt = now });
            else member.DeactivatedAt = null;   // invited back by the owner
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            var enrolled = await db.AuthenticatorKeys.AnyAsync(k => k.UserId == SignedIn.Id && k.ConfirmedAt != null, ct);
            return Redirect(enrolled ? "/Clients" : SecondFactorGate.EnrolPath + "?ReturnUrl=%2FClients");
        }
        var relationship = new CareRelationshipRow { Id = Guid.NewGuid(), PracticeId = invitation.PracticeId, TherapistId = invitation.InvitedBy, ClientId = SignedIn.Id, StartedAt = now };
        db.CareRelationships.Add(relationship);
        foreach (var scope in Scopes.Where(ScopeText.Grantable.Contains).Distinct())
            db.ConsentGrants.Add(new ConsentGrant { PracticeId = invitation.PracticeId, RelationshipId = relationship.Id, Scope = scope, GrantedAt = now });
        await db.SaveChangesAsync(ct);
        // Sessions this therapist approved for the invited address become this client's.
        // (Approval sends the invitation to exactly the address of the request.)
        var invited = invitation.Email;
        await db.StandingSeries.Where(x => x.PracticeId == invitation.PracticeId && x.TherapistId == invitation.InvitedBy && x.ClientId == null && x.ClientEmail == invited)
            .ExecuteUpdateAsync(x => x.SetProperty(r => r.ClientId, SignedIn.Id), ct);
        await db.OneOffSessions.Where(x => x.PracticeId == invitation.PracticeId && x.TherapistId == invitation.InvitedBy && x.ClientId == null && x.ClientEmail == invited)
            .ExecuteUpdateAsync(x => x.SetProperty(r => r.ClientId, SignedIn.Id), ct);
        await ScheduleVersions.RaiseAsync(db, [invitation.InvitedBy], ct);   // bulk updates: the diary's version by hand (ADR 0025)
        await transaction.CommitAsync(ct);
        return Redirect("/Sharing?joined=true");
    }

    string Here => $"/Invitations/Accept?token={Uri.EscapeDataString(Token ?? "")}";

    async Task<IActionResult?> LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        Invitation = await invitations.FindAsync(Token, ct);
        if (Invitation is null) return NotFound();
        State = invitations.StateOf(Invitation);
        PracticeName = (await db.Practices.AsNoTracking().FirstAsync(p => p.Id == Invitation.PracticeId, ct)).Name;
        var inviterId = Invitation.InvitedBy;
        InviterEmail = await db.Users.Where(u => u.Id == inviterId).Select(u => u.Email).FirstOrDefaultAsync(ct) ?? "";
        if (User.Identity?.IsAuthenticated == true)
        {
            // Someone who signs in with a second factor finishes that first.
            if (await viewers.SecondStepAsync(User, ct) is { } step)
                return Redirect(step + "?ReturnUrl=" + Uri.EscapeDataString(Here));
            SignedIn = await users.GetUserAsync(User);
        }
        else AccountExists = await users.FindByEmailAsync(Invitation.Email) is not null;
        if (State == InvitationState.Open && SignedIn is not null) Problem = await ProblemAsync(Invitation, SignedIn, ct);
        return null;
    }

    // Why this signed-in person cannot accept this invitation, or null.
    async Task<string?> ProblemAsync(Invitation invitation, AppUser user, CancellationToken ct)
    {
        if (!string.Equals(user.Email, invitation.Email, StringComparison.OrdinalIgnoreCase))
            return $"This invitation was sent to {invitation.Email}, and you are signed in as {user.Email}. Sign out, then open the link again and sign in with that address.";
        if (invitation.Kind == InvitationKind.Therapist)
            return await db.PracticeMembers.AnyAsync(m => m.PracticeId == invitation.PracticeId && m.UserId == user.Id && m.DeactivatedAt == null, ct)
                ? "You are already a member of this practice."
                : await db.CareRelationships.AnyAsync(r => r.PracticeId == invitation.PracticeId && r.ClientId == user.Id && r.EndedAt == null, ct)
                    ? "You are a client at this practice, so you cannot also work here as a therapist." : null;
        if (invitation.InvitedBy == user.Id) return "You cannot accept your own invitation.";
        if (await db.PracticeMembers.AnyAsync(m => m.PracticeId == invitation.PracticeId && m.UserId == user.Id && m.DeactivatedAt == null, ct))
            return "You work at this practice, so you cannot also be a client here.";
        if (!await db.PracticeMembers.AnyAsync(m => m.PracticeId == invitation.PracticeId && m.UserId == invitation.InvitedBy && m.DeactivatedAt == null, ct))
            return "The therapist who sent this invitation no longer works at this practice, so it cannot be accepted.";
        if (await db.CareRelationships.AnyAsync(r => r.PracticeId == invitation.PracticeId && r.ClientId == user.Id && r.EndedAt == null, ct))
            return "You already work with a therapist at this practice. End that on your Sharing page first; you keep all your data either way.";
        return null;
    }
}

public sealed class NewAccountInput
{
    [Required(ErrorMessage = "Choose a password."), StringLength(256, MinimumLength = 12, ErrorMessage = "Use at least 12 characters.")]
    public string? Password { get; set; }

    [Required(ErrorMessage = "Choose your time zone from the list."), IanaTimeZone]
    public string? TimeZone { get; set; }
}
