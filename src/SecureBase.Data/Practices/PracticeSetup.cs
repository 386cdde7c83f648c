using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Sharing;
using SecureBase.Data.Model;

namespace SecureBase.Data.Practices;

public sealed record NewPractice(string Name, string TimeZoneId, string OwnerEmail, string OwnerPassword);

// Creates a practice and its owner in one transaction: the web app's /Setup (first run, with the
// setup code) and the CLI's `securebase setup` (any time; the terminal is the operator's) both call it.
// The owner's address counts as confirmed: whoever holds the setup code or the terminal runs the server.
public static class PracticeSetup
{
    public static async Task<(Practice? Practice, AppUser? Owner, IReadOnlyList<string> Errors)> CreateAsync(
        AppDbContext db, UserManager<AppUser> users, NewPractice request, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var owner = await users.FindByEmailAsync(request.OwnerEmail);
        if (owner is null)
        {
            owner = new AppUser { UserName = request.OwnerEmail, Email = request.OwnerEmail, EmailConfirmed = true, TimeZoneId = request.TimeZoneId, CreatedAt = now };
            var created = await users.CreateAsync(owner, request.OwnerPassword);
            if (!created.Succeeded) return (null, null, created.Errors.Select(e => e.Description).ToList());
        }
        else if (!await users.CheckPasswordAsync(owner, request.OwnerPassword))
            return (null, null, ["That address already has an account: give its password to make it the owner."]);

        var practice = new Practice { Id = Guid.NewGuid(), Name = request.Name, TimeZoneId = request.TimeZoneId, CreatedAt = now };
        db.Practices.Add(practice);
        db.PracticeMembers.Add(new PracticeMember { PracticeId = practice.Id, UserId = owner.Id, Role = PracticeRole.Owner, JoinedAt = now });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (practice, owner, []);
    }

    public static Task<bool> AnyAsync(AppDbContext db, CancellationToken ct) => db.Practices.AnyAsync(ct);
}
