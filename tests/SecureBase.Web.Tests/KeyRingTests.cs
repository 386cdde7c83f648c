using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace SecureBase.Web.Tests;

public class KeyRingTests
{
    [Fact]
    public async Task TheAppRefusesToStartWhenItsKeyRingCannotOpenTheStoredKeys()
    {
        await using var app = new SecureBaseApp();
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        await visitor.PostAsync("/Log", ("Input.Pull", "Away"), ("Input.Intensity", "3"), ("Input.Response", "RanOldPattern"), ("Input.Note", "secret"));

        var emptyKeys = Directory.CreateTempSubdirectory("securebase-other-keys-").FullName;
        await using var restarted = app.WithWebHostBuilder(b => b.UseSetting("SecureBase:KeyDirectory", emptyKeys));
        var error = Assert.Throws<InvalidOperationException>(() => restarted.CreateClient());
        Assert.Contains("cannot open them", error.Message, StringComparison.Ordinal);
        SqliteConnection.ClearAllPools();
        Directory.Delete(emptyKeys, recursive: true);
    }
}
