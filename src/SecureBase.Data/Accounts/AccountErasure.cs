using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data.Model;

namespace SecureBase.Data.Accounts;

/// <summary>
/// A person's account erased: every row about them in one transaction, including the wrapped data key their
/// encrypted text needs (rows that reference the user go by cascade), then the write-ahead log scrubbed of
/// them. Each erasure is also written to the erasure ledger, <c>erased-people.txt</c> in the key folder (user
/// ids only, which name nobody), which travels in every key ring archive: a restore of a backup made before
/// the erasure erases them again, so a backup never brings a deleted person back (issue 12).
/// </summary>
public static class AccountErasure
{
    public const string LedgerFile = "erased-people.txt";

    public static async Task EraseAsync(AppDbContext db, UserManager<AppUser> users, AppUser user, CancellationToken ct)
    {
        var address = user.Email?.Trim() ?? "";
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.Administrations.Where(a => a.SubjectId == user.Id).ExecuteDeleteAsync(ct);
            await db.ClinicalDataVersions.Where(v => v.PersonId == user.Id).ExecuteDeleteAsync(ct);
            await db.ScheduleVersions.Where(v => v.TherapistId == user.Id).ExecuteDeleteAsync(ct);
            // Invitations addressed to them would say, after they are gone, that they were someone's client.
            await db.Invitations.Where(i => i.Email == address || i.AcceptedBy == user.Id).ExecuteDeleteAsync(ct);
            await SchedulingErasure.ForgetClientAsync(db, user.Id, address, ct);
            var result = await users.DeleteAsync(user);
            if (!result.Succeeded) throw new InvalidOperationException("The account could not be deleted.");
            await transaction.CommitAsync(ct);
        }
        await db.Database.ScrubDeletedAsync(ct);   // no earlier copy of their rows stays in the write-ahead log
    }

    /// <summary>Adds a user id to the ledger in <paramref name="keyDirectory"/> (appended and flushed to disk).</summary>
    public static void Record(string keyDirectory, string userId)
    {
        using var ledger = new FileStream(Path.Combine(keyDirectory, LedgerFile), FileMode.Append, FileAccess.Write, FileShare.Read);
        using (var writer = new StreamWriter(ledger, leaveOpen: true)) writer.WriteLine(userId);
        ledger.Flush(flushToDisk: true);
    }

    /// <summary>The user ids in a ledger file; none when there is no such file.</summary>
    public static IReadOnlyList<string> ReadLedger(string file) =>
        File.Exists(file) ? File.ReadAllLines(file).Select(l => l.Trim()).Where(l => l.Length > 0).Distinct(StringComparer.Ordinal).ToList() : [];
}
