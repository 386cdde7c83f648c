using SecureBase.Core.Instruments;

namespace SecureBase.Core.Tests.Instruments;

// The batch CLI scores through ScoringPlan; the app through Scoring.Score. They must agree exactly, with any
// pattern of missing answers, on every shipped pack.
public class ScoringPlanTests
{
    public static TheoryData<string> Packs => new("ecr-r", "ecr-rs", "rq");

    [Theory]
    [MemberData(nameof(Packs))]
    public void ThePlanScoresExactlyAsScoringDoes(string packId)
    {
        var pack = ShippedPacks.Load(packId);
        var plan = new ScoringPlan(pack);
        var random = new Random(11);
        var answers = new int[pack.Items.Count];
        var values = new double[pack.Subscales.Count];
        var answered = new int[pack.Subscales.Count];
        for (var run = 0; run < 3000; run++)
        {
            var missing = random.NextDouble() * 0.4;   // from none to 40% of items unanswered
            var responses = new Dictionary<string, int>();
            for (var i = 0; i < pack.Items.Count; i++)
            {
                answers[i] = random.NextDouble() < missing ? ScoringPlan.Missing : random.Next(pack.Scale.Min, pack.Scale.Max + 1);
                if (answers[i] != ScoringPlan.Missing) responses[pack.Items[i].Id] = answers[i];
            }
            var expected = Scoring.Score(pack, new AnswerSheet(pack.Id, responses)).Score!;
            plan.Score(answers, values, answered);
            for (var s = 0; s < pack.Subscales.Count; s++)
            {
                Assert.Equal(expected.Subscales[s].Value ?? double.NaN, values[s]);
                Assert.Equal(expected.Subscales[s].Answered, answered[s]);
                Assert.Equal(expected.Subscales[s].ItemCount, plan.ItemCount(s));
            }
            for (var c = 0; c < pack.Composites.Count; c++)
                Assert.Equal(expected.Composites[c].Value ?? double.NaN, plan.Composite(c, values));
        }
    }
}
