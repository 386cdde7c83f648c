namespace SecureBase.Core.Instruments;

public static class Scoring
{
    // More than 20% of a subscale's items missing and it gets no score. The authors give no rule;
    // 20% follows the dependlab implementation (reference §1.3) and is recorded in ADR 0003.
    public const int MaxMissingPercent = 20;

    public static ScoringResult Score(InstrumentPack pack, AnswerSheet sheet)
    {
        var errors = Check(pack, sheet);
        if (errors.Count > 0) return new ScoringResult(null, errors);

        var subscales = pack.Subscales.Select(s => ScoreSubscale(pack, s, sheet.Responses)).ToList();
        var composites = pack.Composites.Select(c => ScoreComposite(c, subscales)).ToList();
        var plane = pack.Plane is { } axes ? PlaceOnPlane(pack, axes, subscales) : null;
        return new ScoringResult(new InstrumentScore(pack.Id, pack.Version, subscales, composites, plane), []);
    }

    public static IReadOnlyList<AnswerError> Check(InstrumentPack pack, AnswerSheet sheet)
    {
        if (sheet.InstrumentId != pack.Id) return [new WrongInstrument(pack.Id, sheet.InstrumentId)];
        var errors = new List<AnswerError>();
        foreach (var (itemId, value) in sheet.Responses)
        {
            if (pack.FindItem(itemId) is null) errors.Add(new UnknownItem(itemId));
            else if (!pack.Scale.Contains(value)) errors.Add(new ValueOutOfRange(itemId, value, pack.Scale.Min, pack.Scale.Max));
        }
        return errors;
    }

    public static bool HasEnoughItems(int answered, int itemCount) =>
        answered > 0 && (itemCount - answered) * 100 <= MaxMissingPercent * itemCount;

    static SubscaleScore ScoreSubscale(InstrumentPack pack, Subscale subscale, IReadOnlyDictionary<string, int> responses)
    {
        int count = 0, answered = 0;
        double sum = 0;
        foreach (var item in pack.ItemsOf(subscale.Id))
        {
            count++;
            if (!responses.TryGetValue(item.Id, out var raw)) continue;
            answered++;
            sum += item.Reversed ? pack.Scale.Reverse(raw) : raw;
        }
        double? value = HasEnoughItems(answered, count) ? sum / answered : null;
        return new SubscaleScore(subscale.Id, value, answered, count);
    }

    static CompositeScore ScoreComposite(Composite composite, IReadOnlyList<SubscaleScore> subscales)
    {
        double total = 0;
        foreach (var term in composite.Terms)
        {
            if (subscales.First(s => s.SubscaleId == term.SubscaleId).Value is not { } value)
                return new CompositeScore(composite.Id, null);
            total += term.Weight * value;
        }
        return new CompositeScore(composite.Id, total);
    }

    static PlanePoint? PlaceOnPlane(InstrumentPack pack, PlaneAxes axes, IReadOnlyList<SubscaleScore> subscales)
    {
        var anxiety = subscales.First(s => s.SubscaleId == axes.AnxietySubscaleId).Value;
        var avoidance = subscales.First(s => s.SubscaleId == axes.AvoidanceSubscaleId).Value;
        return anxiety is { } x && avoidance is { } y ? Plane.Place(x, y, Plane.Midpoint(pack.Scale), boundaryMargin: 0) : null;
    }
}
