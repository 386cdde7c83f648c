using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace SecureBase.Data.Practices;

// The one-time setup code of a fresh install: a file in the data folder that only this user can read
// (0600; the folder is 0700). Whoever can read it controls the server, so knowing it is proof enough
// to create the first owner. Deleted as soon as a practice exists.
public sealed class SetupCodeFile(IConfiguration configuration)
{
    const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public string Path => System.IO.Path.Combine(DataPaths.DataDirectory(configuration), "setup-code");

    // Writes a new code (20 characters from 31: about 99 bits) unless one is already waiting; returns it.
    public string Ensure()
    {
        if (Read() is { } existing) return existing;
        var code = string.Join('-', Enumerable.Range(0, 4).Select(_ => RandomNumberGenerator.GetString(Alphabet, 5)));
        var temp = Path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(temp, options))
            file.Write(Encoding.ASCII.GetBytes(code + "\n"));
        File.Move(temp, Path, overwrite: true);
        return code;
    }

    public string? Read() => File.Exists(Path) ? File.ReadAllText(Path).Trim() is { Length: > 0 } code ? code : null : null;

    // Case and dashes do not matter; compared in constant time.
    public bool Matches(string? typed)
    {
        if (Read() is not { } code || typed is null) return false;
        static byte[] Canonical(string s) => Encoding.ASCII.GetBytes(new string(s.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray()));
        return CryptographicOperations.FixedTimeEquals(Canonical(code), Canonical(typed));
    }

    public void Delete()
    {
        if (File.Exists(Path)) File.Delete(Path);
    }
}
