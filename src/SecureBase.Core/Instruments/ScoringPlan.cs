namespace SecureBase.Core.Instruments;

/// <summary>
/// One pack's scoring rules laid out for scoring many sittings in a row (the batch CLI: 200,000 rows, issue 11).
/// Answers come as one value per item in the pack's item order (<see cref="Missing"/> where unanswered; the caller
/// has checked them against the scale), and nothing is allocated per sitting. The rules and the results are
/// <see cref="Scoring.Score"/>'s, to the last bit: the same items summed in the same order, the same 20% rule
/// (ADR 0003), the same composite terms; a test compares the two on thousands of random sheets.
/// </summary>
public sealed class ScoringPlan
{
    public const int Missing = int.MinValue;

    private readonly int[][] _positions;
    private readonly bool[][] _reversed;
    private readonly (int Subscale, double Weight)[][] _terms;
    private readonly int _reverseFrom;   // a reversed answer is this less the answer (ResponseScale.Reverse)

    public ScoringPlan(InstrumentPack pack)
    {
        Pack = pack;
        _reverseFrom = pack.Scale.Min + pack.Scale.Max;
        var position = pack.Items.Select((item, i) => (item.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        _positions = pack.Subscales.Select(s => pack.ItemsOf(s.Id).Select(i => position[i.Id]).ToArray()).ToArray();
        _reversed = pack.Subscales.Select(s => pack.ItemsOf(s.Id).Select(i => i.Reversed).ToArray()).ToArray();
        var subscale = pack.Subscales.Select((s, i) => (s.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
        _terms = pack.Composites.Select(c => c.Terms.Select(t => (subscale[t.SubscaleId], t.Weight)).ToArray()).ToArray();
    }

    public InstrumentPack Pack { get; }

    /// <summary>The items in the order answers are given (the pack's order).</summary>
    public IReadOnlyList<Item> Items => Pack.Items;

    /// <summary>How many items subscale <paramref name="subscale"/> (an index into Pack.Subscales) has.</summary>
    public int ItemCount(int subscale) => _positions[subscale].Length;

    /// <summary>
    /// Scores one sitting. <paramref name="values"/> gets each subscale's mean (NaN when too many items are missing),
    /// <paramref name="answered"/> how many of its items were answered; both have one place per subscale.
    /// </summary>
    public void Score(ReadOnlySpan<int> answers, Span<double> values, Span<int> answered)
    {
        for (var s = 0; s < _positions.Length; s++)
        {
            var positions = _positions[s];
            var reversed = _reversed[s];
            int count = 0, sum = 0;   // whole numbers: the same sum a double would hold, exactly
            for (var k = 0; k < positions.Length; k++)
            {
                var raw = answers[positions[k]];
                if (raw == Missing) continue;
                count++;
                sum += reversed[k] ? _reverseFrom - raw : raw;
            }
            answered[s] = count;
            values[s] = Scoring.HasEnoughItems(count, positions.Length) ? (double)sum / count : double.NaN;
        }
    }

    /// <summary>Composite <paramref name="composite"/> (an index into Pack.Composites) from the subscale values; NaN when a term is.</summary>
    public double Composite(int composite, ReadOnlySpan<double> values)
    {
        double total = 0;
        foreach (var (subscale, weight) in _terms[composite])
        {
            if (double.IsNaN(values[subscale])) return double.NaN;
            total += weight * values[subscale];
        }
        return total;
    }
}
