using SecureBase.Data;
using SecureBase.Data.Model;

namespace SecureBase.Data.Tests;

public class GuessablePasswordsTests
{
    [Theory]
    [InlineData("aaaaaaaaaaaa", "different characters")]
    [InlineData("abcabcabcabc", "different characters")]
    [InlineData("😀😀😀😀😀😀", "different characters")]
    [InlineData("123456789012", "run of keys")]
    [InlineData("qwertyuiopas", "run of keys")]
    [InlineData("abcdefghijklmn", "run of keys")]
    [InlineData("pat.obrien@example.org", "email address")]
    [InlineData("my name is pat.obrien!", "email address")]
    [InlineData("correct horse battery staple", null)]
    [InlineData("a brand new passphrase", null)]
    public async Task RefusesPasswordsThatAreEasyToGuess(string password, string? problem)
    {
        var result = await new GuessablePasswords().ValidateAsync(null!, new AppUser { Email = "pat.obrien@example.org" }, password);
        if (problem is null) Assert.True(result.Succeeded);
        else Assert.Contains(problem, Assert.Single(result.Errors).Description, StringComparison.Ordinal);
    }
}
