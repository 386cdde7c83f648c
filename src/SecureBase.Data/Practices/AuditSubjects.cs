using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureBase.Data.Practices;

/// <summary>Clients an audit row covers who were shown with the same scopes and the same decision.</summary>
public sealed record AuditSubjectGroup(
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("allowed")] bool Allowed,
    [property: JsonPropertyName("clients")] IReadOnlyList<string> Clients);

/// <summary>
/// The clients of one audit row written for a page that showed many at once (a caseload view, ADR 0026):
/// the row's ClientId is <see cref="ManyClients"/> and its Subjects column holds these groups as JSON,
/// e.g. <c>[{"scope":"Scores+ActivationEntries","allowed":true,"clients":["id1","id2"]}]</c>. The JSON is
/// part of the row's hash, so a client cannot be added to or taken off a row unnoticed.
/// </summary>
public static class AuditSubjects
{
    /// <summary>The ClientId of a row about many clients; theirs are in Subjects.</summary>
    public const string ManyClients = "";

    /// <summary>The groups as stored: clients grouped by (scope, allowed), groups and clients in ordinal order, so equal lists give equal text.</summary>
    public static string Write(IEnumerable<(string ClientId, string Scope, bool Allowed)> subjects) =>
        JsonSerializer.Serialize(subjects.GroupBy(s => (s.Scope, s.Allowed))
            .OrderBy(g => g.Key.Scope, StringComparer.Ordinal).ThenBy(g => g.Key.Allowed)
            .Select(g => new AuditSubjectGroup(g.Key.Scope, g.Key.Allowed, g.Select(s => s.ClientId).Distinct().Order(StringComparer.Ordinal).ToList())).ToList());

    /// <summary>The groups of a stored Subjects value; empty for null or text that is not this format.</summary>
    public static IReadOnlyList<AuditSubjectGroup> Read(string? subjects)
    {
        if (string.IsNullOrEmpty(subjects)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<AuditSubjectGroup>>(subjects) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>What the row read of one client (scope and decision), or null when the client is not among its subjects.</summary>
    public static AuditSubjectGroup? Of(string? subjects, string clientId) =>
        Read(subjects).FirstOrDefault(g => g.Clients.Contains(clientId, StringComparer.Ordinal));
}
