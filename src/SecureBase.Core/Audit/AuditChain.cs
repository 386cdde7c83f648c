using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SecureBase.Core.Audit;

/// <summary>
/// One access to a client's clinical data by someone other than the client: who (and in which role),
/// whose data, which kind of resource and its id, which scope, what they did, whether it was allowed,
/// when (UTC) and from which address. Never content. A page that showed many clients at once (a caseload
/// view) is one row: ClientId is empty and <paramref name="Subjects"/> names every client and what was read
/// of each (JSON, see SecureBase.Data's AuditSubjects); null on every other row.
/// </summary>
public sealed record AuditFields(
    long Sequence,
    DateTimeOffset At,
    string ActorId,
    string ActorRole,
    string ClientId,
    string ResourceKind,
    string? ResourceId,
    string Scope,
    string Action,
    bool Allowed,
    string? Address,
    string? Subjects = null);

/// <summary>A stored audit row: its fields, the previous row's hash and its own.</summary>
public sealed record ChainedAuditRow(AuditFields Fields, string PreviousHash, string Hash);

/// <summary>
/// A hash chain over the audit rows: each row stores SHA-256 of the previous row's hash and its own
/// fields, so an edited, deleted, inserted or reordered row breaks every hash after it.
/// Source: issue 7 ("Audit trail"); shared/reference/security-and-reliability.md G17.
/// </summary>
public static class AuditChain
{
    /// <summary>The hash the first row links to.</summary>
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>
    /// Lower-case hex SHA-256 of the previous hash and the fields, each length-prefixed so no two field lists
    /// collide. Subjects is hashed only when present, so rows written before it existed keep their hashes.
    /// </summary>
    public static string Hash(string previousHash, AuditFields f)
    {
        var text = new StringBuilder();
        foreach (var part in new[]
        {
            previousHash, f.Sequence.ToString(CultureInfo.InvariantCulture), f.At.UtcTicks.ToString(CultureInfo.InvariantCulture), f.ActorId, f.ActorRole,
            f.ClientId, f.ResourceKind, f.ResourceId, f.Scope, f.Action, f.Allowed ? "allowed" : "denied", f.Address,
        }.Concat(f.Subjects is null ? [] : ["subjects", f.Subjects]))
            text.Append(part is null ? "-1:" : string.Create(CultureInfo.InvariantCulture, $"{part.Length}:{part}")).Append('|');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The row that follows <paramref name="previous"/> (null for the first row).</summary>
    public static ChainedAuditRow Append(ChainedAuditRow? previous, AuditFields fields)
    {
        var previousHash = previous?.Hash ?? Genesis;
        return new ChainedAuditRow(fields, previousHash, Hash(previousHash, fields));
    }

    /// <summary>
    /// Checks rows in sequence order. Returns null when the chain is whole, otherwise the sequence
    /// number of the first row where it breaks (its hash is wrong, it does not link to the row before,
    /// or its sequence number is not one more than the row before: a deleted or swapped row).
    /// </summary>
    public static long? FirstBreak(IEnumerable<ChainedAuditRow> rows)
    {
        ChainedAuditRow? previous = null;
        foreach (var row in rows)
        {
            var expectedSequence = previous is null ? row.Fields.Sequence : previous.Fields.Sequence + 1;
            if (row.Fields.Sequence != expectedSequence || row.PreviousHash != (previous?.Hash ?? Genesis) || row.Hash != Hash(row.PreviousHash, row.Fields))
                return row.Fields.Sequence;
            previous = row;
        }
        return null;
    }
}
