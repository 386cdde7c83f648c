using Microsoft.Extensions.Configuration;

namespace SecureBase.Data;

// Where an installation keeps its files. The defaults are per-user folders, so the web app and the
// CLI find the same database whatever folder they are started from; the key ring has its own folder,
// apart from the database (a copy of the data folder alone cannot decrypt anything).
public static class DataPaths
{
    public static string DataDirectory(IConfiguration configuration) =>
        Ensure(configuration["SecureBase:DataDirectory"] ?? Path.Combine(UserData(), "securebase", "data"));

    public static string KeyDirectory(IConfiguration configuration) =>
        Ensure(configuration["SecureBase:KeyDirectory"] ?? Path.Combine(UserData(), "securebase", "keys"));

    static string UserData() => Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create);

    static string Ensure(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(full);
        else Directory.CreateDirectory(full, FilePermissions.PrivateFolder);   // only for the folder it creates; FilePermissions narrows the rest
        return full;
    }
}
