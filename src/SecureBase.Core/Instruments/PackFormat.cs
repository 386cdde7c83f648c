using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureBase.Core.Instruments;

// The JSON shape of an instrument pack file (documented in instruments/README.md). Everything is
// nullable here so that a missing field becomes a validation message, not a deserialisation crash.
internal sealed record PackDocument(
    int? Format,
    string? Id,
    string? Version,
    string? Title,
    string? ShortTitle,
    string? Citation,
    string? Notice,
    string? Instructions,
    string? Caution,
    ScaleDocument? Scale,
    List<TargetDocument>? Targets,
    List<ItemDocument>? Items,
    List<SubscaleDocument>? Subscales,
    List<CompositeDocument>? Composites,
    PlaneDocument? Plane);

internal sealed record ScaleDocument(int? Min, int? Max, Dictionary<string, string>? Anchors);

internal sealed record TargetDocument(string? Id, string? Label);

internal sealed record ItemDocument(string? Id, int? Number, string? Text);

internal sealed record SubscaleDocument(
    string? Id, string? Name, string? Better, string? Description, List<string>? Items, List<string>? Reversed);

internal sealed record CompositeDocument(
    string? Id, string? Name, string? Better, string? Description, List<TermDocument>? Terms);

internal sealed record TermDocument(string? Subscale, double? Weight);

internal sealed record PlaneDocument(string? Anxiety, string? Avoidance);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(PackDocument))]
internal sealed partial class PackJsonContext : JsonSerializerContext;
