using System.Security.Claims;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SecureBase.Data;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Encryption;

namespace SecureBase.Web.Features.Crisis;

// A crisis line as the top of every page shows it: the words, and where a tap goes (a tel: link); the number
// as its owner wrote it for their own line, null for the server's.
public sealed record CrisisLine(string Text, string Link, string? Number = null)
{
    public bool IsOwn => Number is not null;
}

// The crisis line for this request: the signed-in person's own when they set one, else the deployment's
// (Crisis:Text, Crisis:Link; 988 is the United States' line, the README says how to change it).
public sealed partial class CrisisLines(AppDbContext db, PersonalText text, IConfiguration configuration)
{
    public const int MostTextLength = 60;

    public CrisisLine Default => new(configuration["Crisis:Text"] ?? "In crisis? Call or text 988", configuration["Crisis:Link"] ?? "tel:988");

    public async Task<CrisisLine> ForAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.Identity?.IsAuthenticated != true) return Default;
        var id = user.Id();
        var own = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.EncryptedCrisisText, u.EncryptedCrisisNumber }).FirstOrDefaultAsync(ct);
        return await OfAsync(id, own?.EncryptedCrisisText, own?.EncryptedCrisisNumber, ct);
    }

    /// <summary>The line of a person whose row is already loaded (their profile page).</summary>
    public Task<CrisisLine> OfAsync(Data.Model.AppUser user, CancellationToken ct) => OfAsync(user.Id, user.EncryptedCrisisText, user.EncryptedCrisisNumber, ct);

    async Task<CrisisLine> OfAsync(string id, byte[]? encryptedText, byte[]? encryptedNumber, CancellationToken ct)
    {
        if (encryptedText is null || encryptedNumber is null) return Default;
        var words = await text.DecryptAsync(id, encryptedText, ct);
        var number = await text.DecryptAsync(id, encryptedNumber, ct);
        // Unreadable (the key is gone): the default, never nothing, on the one line that must always be there.
        return words.Text is null || number.Text is null ? Default : new CrisisLine(words.Text, LinkOf(number.Text), number.Text);
    }

    /// <summary>
    /// Why a phone number cannot be called, or null: 3 to 20 digits, optionally a leading +, with spaces,
    /// dashes, dots or brackets between them as people write numbers.
    /// </summary>
    public static string? ProblemWithNumber(string number) =>
        !NumberShape().IsMatch(number) || Digits(number).Length is < 3 or > 20
            ? "Enter a phone number of 3 to 20 digits, like +44 116 123 or (800) 273-8255; it may start with +."
            : null;

    /// <summary>The tel: link of a number that passed <see cref="ProblemWithNumber"/>: its digits, with + if it began so.</summary>
    public static string LinkOf(string number) => "tel:" + (number.TrimStart().StartsWith('+') ? "+" : "") + Digits(number);

    static string Digits(string number) => new(number.Where(char.IsAsciiDigit).ToArray());

    [GeneratedRegex(@"^\s*\+?[0-9 ().\-]+$")]
    private static partial Regex NumberShape();
}
