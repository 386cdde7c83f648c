using System.Security.Cryptography;
using System.Text.Json;

namespace SecureBase.Data.Backup;

/// <summary>
/// What a backup folder holds, written last by <c>securebase backup</c> as <c>manifest.json</c>: the provider,
/// the database file's name, size and SHA-256 (hex), the newest migration it carries and the number of rows
/// of every table as the backup saw them (one snapshot). Restore trusts a folder only through it.
/// </summary>
public sealed record BackupManifest(int Format, string Provider, DateTimeOffset CreatedAt, string DatabaseFile, long Bytes, string Sha256,
    string? Migration, IReadOnlyDictionary<string, long> Rows)
{
    public const string FileName = "manifest.json";
    public const int CurrentFormat = 1;

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public void Save(string folder) => File.WriteAllText(Path.Combine(folder, FileName), JsonSerializer.Serialize(this, Json));

    /// <summary>Reads a folder's manifest; null when there is none. Throws <see cref="BackupException"/> when it is unreadable.</summary>
    public static BackupManifest? Load(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return null;
        try
        {
            return JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(path), Json) is { Format: CurrentFormat, DatabaseFile.Length: > 0, Sha256.Length: 64 } manifest
                ? manifest
                : throw new BackupException($"{path} is not a manifest this version of SecureBase can read.");
        }
        catch (JsonException e)
        {
            throw new BackupException($"{path} is damaged ({e.Message}); this backup cannot be trusted.");
        }
    }

    public static string HashOf(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>A backup or restore that cannot go on; the message says why and what to do, for an operator.</summary>
public sealed class BackupException(string message) : Exception(message);
