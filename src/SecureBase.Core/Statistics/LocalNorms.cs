using SecureBase.Core.Instruments;

namespace SecureBase.Core.Statistics;

// Norms computed from a deployment's own baseline administrations: per subscale the mean and SD of
// the subscale score and Cronbach's α from item-level data. Only administrations that answered every
// item of a subscale count for it (α needs complete cases), and N says how many that was.
// Streaming: Add one administration at a time, so a CSV of any length needs constant memory.
public sealed class LocalNorms
{
    private readonly InstrumentPack _pack;
    private readonly SubscaleMoments[] _moments;

    public LocalNorms(InstrumentPack pack)
    {
        _pack = pack;
        _moments = pack.Subscales.Select(s => new SubscaleMoments(s.Id, pack.ItemsOf(s.Id).ToArray())).ToArray();
    }

    public void Add(IReadOnlyDictionary<string, int> responses)
    {
        foreach (var moments in _moments) moments.Add(_pack.Scale, responses);
    }

    public NormSet ToNormSet(string id, string source) =>
        new(id, $"Local norms ({_pack.ShortTitle})", _pack.Id, NormOrigin.Local, source,
            _moments.Select(m => m.ToEntry()).ToList());

    private sealed class SubscaleMoments(string subscaleId, Item[] items)
    {
        private readonly double[] _itemSum = new double[items.Length];
        private readonly double[] _itemSumOfSquares = new double[items.Length];
        private readonly double[] _scratch = new double[items.Length];
        private double _totalSum;
        private double _totalSumOfSquares;
        private int _n;

        public void Add(ResponseScale scale, IReadOnlyDictionary<string, int> responses)
        {
            for (var i = 0; i < items.Length; i++)
            {
                if (!responses.TryGetValue(items[i].Id, out var raw)) return;   // incomplete: not counted
                _scratch[i] = items[i].Reversed ? scale.Reverse(raw) : raw;
            }
            double total = 0;
            for (var i = 0; i < items.Length; i++)
            {
                _itemSum[i] += _scratch[i];
                _itemSumOfSquares[i] += _scratch[i] * _scratch[i];
                total += _scratch[i];
            }
            _totalSum += total;
            _totalSumOfSquares += total * total;
            _n++;
        }

        public NormEntry ToEntry()
        {
            var k = items.Length;
            if (_n < 2) return new NormEntry(subscaleId, _n == 1 ? _totalSum / k : double.NaN, double.NaN, null, ReliabilityKind.CronbachAlpha, _n);
            var totalVariance = Descriptive.SampleVariance(_totalSum, _totalSumOfSquares, _n);
            var itemVariances = Enumerable.Range(0, k).Sum(i => Descriptive.SampleVariance(_itemSum[i], _itemSumOfSquares[i], _n));
            double? alpha = k > 1 && totalVariance > 0 ? k / (k - 1.0) * (1 - itemVariances / totalVariance) : null;
            return new NormEntry(subscaleId, _totalSum / _n / k, Math.Sqrt(totalVariance) / k, alpha, ReliabilityKind.CronbachAlpha, _n);
        }
    }
}
