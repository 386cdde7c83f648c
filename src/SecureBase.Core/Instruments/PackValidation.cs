using System.Globalization;
using System.Text.RegularExpressions;

namespace SecureBase.Core.Instruments;

internal static partial class PackValidation
{
    public const int SupportedFormat = 1;

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]*$")]
    private static partial Regex IdPattern();

    public static List<string> Validate(PackDocument d)
    {
        var errors = new List<string>();
        ValidateHeader(d, errors);
        ValidateScale(d.Scale, errors);
        var itemIds = ValidateItems(d.Items, errors);
        var subscaleIds = ValidateSubscales(d.Subscales, itemIds, errors);
        ValidateComposites(d.Composites, subscaleIds, errors);
        ValidatePlane(d.Plane, subscaleIds, errors);
        ValidateTargets(d.Targets, errors);
        return errors;
    }

    static void ValidateHeader(PackDocument d, List<string> errors)
    {
        if (d.Format != SupportedFormat)
            errors.Add($"format must be {SupportedFormat}, found {d.Format?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        if (string.IsNullOrWhiteSpace(d.Id) || !IdPattern().IsMatch(d.Id))
            errors.Add("id is missing or not lower-case letters, digits, dots and dashes");
        Require(d.Version, "version", errors);
        Require(d.Title, "title", errors);
        Require(d.Citation, "citation", errors);
        Require(d.Notice, "notice (source and permission status)", errors);
    }

    static void Require(string? value, string field, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value)) errors.Add($"{field} is missing");
    }

    static void ValidateScale(ScaleDocument? scale, List<string> errors)
    {
        if (scale?.Min is not { } min || scale.Max is not { } max)
        {
            errors.Add("scale needs min and max");
            return;
        }
        if (min >= max) errors.Add($"scale min {min} must be below max {max}");
        foreach (var key in (scale.Anchors ?? []).Keys)
        {
            if (!int.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var point) || point < min || point > max)
                errors.Add($"scale anchor '{key}' is not a point between {min} and {max}");
        }
    }

    static HashSet<string> ValidateItems(List<ItemDocument>? items, List<string> errors)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var numbers = new HashSet<int>();
        if (items is not { Count: > 0 })
        {
            errors.Add("has no items");
            return ids;
        }
        foreach (var item in items)
        {
            var label = item.Id ?? $"number {item.Number}";
            if (string.IsNullOrWhiteSpace(item.Id) || !IdPattern().IsMatch(item.Id)) errors.Add($"item {label} has a missing or malformed id");
            else if (!ids.Add(item.Id)) errors.Add($"duplicate item id '{item.Id}'");
            if (item.Number is not > 0) errors.Add($"item {label} needs a positive number");
            else if (!numbers.Add(item.Number.Value)) errors.Add($"duplicate item number {item.Number}");
            if (string.IsNullOrWhiteSpace(item.Text)) errors.Add($"item {label} has no text");
        }
        return ids;
    }

    static HashSet<string> ValidateSubscales(List<SubscaleDocument>? subscales, HashSet<string> itemIds, List<string> errors)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        if (subscales is not { Count: > 0 })
        {
            errors.Add("has no subscales");
            return ids;
        }
        foreach (var s in subscales)
        {
            var label = s.Id ?? "(no id)";
            if (string.IsNullOrWhiteSpace(s.Id)) errors.Add("a subscale has no id");
            else if (!ids.Add(s.Id)) errors.Add($"duplicate subscale id '{s.Id}'");
            Require(s.Name, $"subscale {label}: name", errors);
            if (InstrumentPackReader.ParseBetter(s.Better) is null) errors.Add($"subscale {label}: better must be \"lower\" or \"higher\"");
            if (s.Items is not { Count: > 0 }) errors.Add($"subscale {label} has no items");
            foreach (var itemId in s.Items ?? [])
            {
                if (!itemIds.Contains(itemId)) errors.Add($"subscale {label} lists unknown item '{itemId}'");
                else if (!owner.TryAdd(itemId, label)) errors.Add($"item '{itemId}' is in both subscale {owner[itemId]} and {label}");
            }
            foreach (var itemId in s.Reversed ?? [])
            {
                if (!itemIds.Contains(itemId)) errors.Add($"subscale {label} reverses unknown item '{itemId}'");
                else if (s.Items?.Contains(itemId) != true) errors.Add($"subscale {label} reverses item '{itemId}', which is not one of its items");
            }
        }
        foreach (var itemId in itemIds.Where(i => !owner.ContainsKey(i)))
            errors.Add($"item '{itemId}' belongs to no subscale");
        return ids;
    }

    static void ValidateComposites(List<CompositeDocument>? composites, HashSet<string> subscaleIds, List<string> errors)
    {
        foreach (var c in composites ?? [])
        {
            var label = c.Id ?? "(no id)";
            Require(c.Id, "a composite's id", errors);
            Require(c.Name, $"composite {label}: name", errors);
            if (InstrumentPackReader.ParseBetter(c.Better) is null) errors.Add($"composite {label}: better must be \"lower\" or \"higher\"");
            if (c.Terms is not { Count: > 0 }) errors.Add($"composite {label} has no terms");
            foreach (var t in c.Terms ?? [])
            {
                if (t.Subscale is null || !subscaleIds.Contains(t.Subscale)) errors.Add($"composite {label} uses unknown subscale '{t.Subscale}'");
                if (t.Weight is null) errors.Add($"composite {label} has a term without a weight");
            }
        }
    }

    static void ValidatePlane(PlaneDocument? plane, HashSet<string> subscaleIds, List<string> errors)
    {
        if (plane is null) return;
        if (plane.Anxiety is null || !subscaleIds.Contains(plane.Anxiety)) errors.Add($"plane anxiety axis names unknown subscale '{plane.Anxiety}'");
        if (plane.Avoidance is null || !subscaleIds.Contains(plane.Avoidance)) errors.Add($"plane avoidance axis names unknown subscale '{plane.Avoidance}'");
    }

    static void ValidateTargets(List<TargetDocument>? targets, List<string> errors)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in targets ?? [])
        {
            if (string.IsNullOrWhiteSpace(t.Id) || string.IsNullOrWhiteSpace(t.Label)) errors.Add("a relationship target needs an id and a label");
            else if (!ids.Add(t.Id)) errors.Add($"duplicate relationship target '{t.Id}'");
        }
    }
}
