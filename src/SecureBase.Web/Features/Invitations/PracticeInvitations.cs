using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Sharing;
using SecureBase.Data;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Email;
using SecureBase.Web.Features.Security;

namespace SecureBase.Web.Features.Invitations;

// Emailed invitations: a 256-bit token in the link, only its SHA-256 stored; 7 days; single use.
// Mail carries no clinical content, and a client's invitation does not even name the practice in
// its subject line (a subject line is what others see on a lock screen).
public sealed class PracticeInvitations(AppDbContext db, IOutbox outbox, PublicUrls urls, TimeProvider clock, ILogger<PracticeInvitations> log)
{
    // Why an invitation to this address would be pointless, or null. Says nothing about the person that
    // the inviter could not see anyway (whether they work with a colleague stays unsaid).
    public async Task<string?> ProblemWithAsync(Guid practiceId, InvitationKind kind, string email, string invitedBy, CancellationToken ct)
    {
        var normalized = email.ToUpperInvariant();
        var person = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.NormalizedEmail == normalized, ct);
        if (person is null) return null;
        if (person.Id == invitedBy) return "That is your own address.";
        var member = await db.PracticeMembers.AnyAsync(m => m.PracticeId == practiceId && m.UserId == person.Id && m.DeactivatedAt == null, ct);
        if (kind == InvitationKind.Therapist)
            return member ? "They already work at this practice."
                : await db.CareRelationships.AnyAsync(r => r.PracticeId == practiceId && r.ClientId == person.Id && r.EndedAt == null, ct)
                    ? "They are a client at this practice; a client cannot also be a therapist here." : null;
        if (member) return "They work at this practice; a colleague cannot also be a client here.";
        return await db.CareRelationships.AnyAsync(r => r.PracticeId == practiceId && r.TherapistId == invitedBy && r.ClientId == person.Id && r.EndedAt == null, ct)
            ? "They are already your client." : null;
    }

    public async Task SendAsync(Guid practiceId, InvitationKind kind, string email, string invitedBy, CancellationToken ct)
    {
        var practice = await db.Practices.AsNoTracking().FirstAsync(p => p.Id == practiceId, ct);
        var inviter = await db.Users.AsNoTracking().Where(u => u.Id == invitedBy).Select(u => u.Email).FirstAsync(ct);
        var now = clock.GetUtcNow();
        // A new invitation to the same address replaces any still open one.
        await db.Invitations.Where(i => i.PracticeId == practiceId && i.Email == email && i.Kind == kind && i.AcceptedAt == null && i.WithdrawnAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.WithdrawnAt, now), ct);
        var token = SecretTokens.New();
        db.Invitations.Add(new Invitation
        {
            Id = Guid.NewGuid(), PracticeId = practiceId, Kind = kind, Email = email, InvitedBy = invitedBy, TokenHash = SecretTokens.HashOf(token),
            CreatedAt = now, ExpiresAt = now + InvitationRule.Lifetime,
        });
        await db.SaveChangesAsync(ct);

        var link = urls.To($"/Invitations/Accept?token={token}");
        var (subject, body) = kind == InvitationKind.Therapist
            ? ($"Join {practice.Name} on SecureBase",
               $"You are invited to join {practice.Name} on SecureBase as a therapist.\n\nOpen this link within 7 days to accept (it works once):\n{link}\n\n" +
               "You will set up two-step sign-in with an authenticator app before anything else.\n\nIf you did not expect this, ignore this email.\n")
            : ("An invitation to SecureBase",
               $"{inviter} at {practice.Name} invites you to work together on SecureBase.\n\nOpen this link within 7 days to accept (it works once):\n{link}\n\n" +
               "You choose what, if anything, your therapist can see; nothing is shared until you say so.\n\nIf you did not expect this, ignore this email.\n");
        try
        {
            await outbox.SendAsync(email, subject, body, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError("An invitation could not be sent: {Error}", e.GetType().Name);
        }
    }

    public Task<Invitation?> FindAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return Task.FromResult<Invitation?>(null);
        var hash = SecretTokens.HashOf(token);
        return db.Invitations.FirstOrDefaultAsync(i => i.TokenHash == hash, ct);
    }

    public InvitationState StateOf(Invitation invitation) =>
        InvitationRule.StateOf(invitation.ExpiresAt, invitation.AcceptedAt, invitation.WithdrawnAt, clock.GetUtcNow());

    // Marks it used, once: of two racing acceptances only one succeeds.
    public async Task<bool> ClaimAsync(Invitation invitation, string userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.Invitations.Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.WithdrawnAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedBy, userId), ct) == 1;
    }

}
