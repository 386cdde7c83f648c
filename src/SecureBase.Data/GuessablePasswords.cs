using Microsoft.AspNetCore.Identity;
using SecureBase.Data.Model;

namespace SecureBase.Data;

// Length without composition rules (NIST SP 800-63B §5.1.1.2), plus the checks that guideline asks
// for that need no outside list: a password that is the account's own email address or its name part,
// one character repeated or a handful of characters cycled ("aaaaaaaaaaaa", "abcabcabcabc"), or a
// run of keyboard or alphabet order ("123456789012", "qwertyuiopas") is refused. A list of breached
// passwords (security reference item 7) is still to come.
public sealed class GuessablePasswords : IPasswordValidator<AppUser>
{
    public const int MinimumDistinctCharacters = 5;
    static readonly string[] Sequences = ["0123456789012345678901234567890", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "azertyuiopqsdfghjklmwxcvbn"];

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password)) return Task.FromResult(IdentityResult.Success);
        var lower = password.ToLowerInvariant();
        var email = user.Email?.ToLowerInvariant();
        var name = email?.Split('@')[0];
        string? problem =
            email is not null && (lower.Contains(email, StringComparison.Ordinal) || (name!.Length >= 4 && lower.Contains(name, StringComparison.Ordinal)))
                ? "Choose a password that does not contain your email address or the name before its @."
            : password.EnumerateRunes().Distinct().Count() < MinimumDistinctCharacters
                ? $"Use at least {MinimumDistinctCharacters} different characters."
            : Sequences.Any(s => s.Contains(lower, StringComparison.Ordinal))
                ? "Choose something less guessable than a run of keys or letters."
            : null;
        return Task.FromResult(problem is null ? IdentityResult.Success : IdentityResult.Failed(new IdentityError { Code = "GuessablePassword", Description = problem }));
    }
}
