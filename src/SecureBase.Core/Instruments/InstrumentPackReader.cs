using System.Globalization;
using System.Text.Json;

namespace SecureBase.Core.Instruments;

// Reads a pack from its JSON text and validates it. A broken pack is rejected whole, with every
// problem named, so an operator can fix a hand-written pack in one go.
public static class InstrumentPackReader
{
    public static PackResult Read(string json, string source)
    {
        PackDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, PackJsonContext.Default.PackDocument);
        }
        catch (JsonException e)
        {
            return Fail(source, [$"is not valid pack JSON: {e.Message}"]);
        }

        if (document is null)
            return Fail(source, ["is empty"]);

        var errors = PackValidation.Validate(document);
        var name = document.Id is { Length: > 0 } id ? $"{id} ({source})" : source;
        return errors.Count > 0 ? Fail(name, errors) : new PackResult(Build(document), []);
    }

    static PackResult Fail(string name, IEnumerable<string> problems) =>
        new(null, problems.Select(p => $"Instrument pack {name}: {p}").ToList());

    // Only called on a validated document, so the null-forgiving operators below are checked facts.
    static InstrumentPack Build(PackDocument d)
    {
        var keyed = d.Subscales!.SelectMany(s => s.Items!.Select(itemId => (itemId, s))).ToDictionary(p => p.itemId, p => p.s);
        var items = d.Items!
            .Select(i => new Item(i.Id!, i.Number!.Value, i.Text!, keyed[i.Id!].Id!, keyed[i.Id!].Reversed?.Contains(i.Id!) == true))
            .OrderBy(i => i.Number)
            .ToList();
        var anchors = (d.Scale!.Anchors ?? []).ToDictionary(a => int.Parse(a.Key, CultureInfo.InvariantCulture), a => a.Value);

        return new InstrumentPack(
            d.Id!, d.Version!, d.Title!, d.ShortTitle ?? d.Id!, d.Citation!, d.Notice!, d.Instructions ?? "",
            new ResponseScale(d.Scale.Min!.Value, d.Scale.Max!.Value, anchors),
            items,
            d.Subscales!.Select(s => new Subscale(s.Id!, s.Name!, ParseBetter(s.Better)!.Value, s.Description ?? "")).ToList(),
            (d.Composites ?? []).Select(c => new Composite(c.Id!, c.Name!, ParseBetter(c.Better)!.Value,
                c.Terms!.Select(t => new CompositeTerm(t.Subscale!, t.Weight!.Value)).ToList(), c.Description ?? "")).ToList(),
            (d.Targets ?? []).Select(t => new RelationshipTarget(t.Id!, t.Label!)).ToList(),
            d.Plane is null ? null : new PlaneAxes(d.Plane.Anxiety!, d.Plane.Avoidance!),
            d.Caution);
    }

    internal static Better? ParseBetter(string? value) => value switch
    {
        "lower" => Better.Lower,
        "higher" => Better.Higher,
        _ => null,
    };
}
