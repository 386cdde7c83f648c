using SecureBase.Core.ActivationLog;
using SecureBase.Core.Instruments;
using SecureBase.Core.WorkingModel;
using SecureBase.Data.Model;

namespace SecureBase.Cli.Demo;

// A year or more of one plausible client whose anxious pattern slowly loosens: questionnaires every
// three months drifting toward security, and an activation log with fewer, milder moments, noticed
// sooner and met more often with a new response. Shapes, not clinical norms: it is a demo.
internal static class DemoClient
{
    public static IEnumerable<Administration> Questionnaires(InstrumentPack ecrR, string userId, DateTimeOffset start, int weeks, Random random) =>
        Trajectory(ecrR, userId, start, weeks, random, (5.4, 4.5), (3.5, 3.7));

    // Quarterly sittings drifting from one (anxiety, avoidance) to another, the last a few hours ago, never in the future.
    public static IEnumerable<Administration> Trajectory(InstrumentPack ecrR, string userId, DateTimeOffset start, int weeks, Random random,
        (double Anxiety, double Avoidance) from, (double Anxiety, double Avoidance) to)
    {
        var quarters = Math.Max(1, weeks / 13);
        for (var quarter = 0; quarter <= quarters; quarter++)
        {
            var progress = quarter / (double)quarters;
            var when = quarter == quarters ? start.AddDays(weeks * 7).AddHours(-5) : start.AddDays(quarter * 91).AddHours(-5);
            yield return Sitting(ecrR, userId, when, Lerp(from.Anxiety, to.Anxiety, progress), Lerp(from.Avoidance, to.Avoidance, progress), random);
        }
    }

    // One moment at a given intensity, the old pattern, noticed only later.
    public static ActivationEntry Moment(string userId, DateTimeOffset when, int intensity) => new()
    {
        Id = Guid.NewGuid(), UserId = userId, OccurredAt = when, CreatedAt = when, UpdatedAt = when, Relationship = Relationship.Partner,
        Pull = Pull.Toward, Intensity = intensity, Noticed = Noticed.OnlyLater, Response = ResponseChoice.RanOldPattern, SettledMinutes = 120,
    };

    public static Administration Sitting(InstrumentPack pack, string userId, DateTimeOffset when, double anxiety, double avoidance, Random random)
    {
        var administration = new Administration
        {
            Id = Guid.NewGuid(), SubjectId = userId, InstrumentId = pack.Id, InstrumentVersion = pack.Version,
            StartedAt = when.AddMinutes(-9),
        };
        foreach (var item in pack.Items)
        {
            var target = item.SubscaleId == "anxiety" ? anxiety : avoidance;
            var scored = Math.Clamp((int)Math.Round(target + Normal(random) * 0.9), pack.Scale.Min, pack.Scale.Max);
            administration.Responses.Add(new ItemResponse { AdministrationId = administration.Id, ItemId = item.Id, Value = item.Reversed ? pack.Scale.Reverse(scored) : scored });
        }
        administration.Complete(Scoring.Score(pack, administration.ToAnswerSheet()).Score!, when);
        return administration;
    }

    public static IEnumerable<ActivationEntry> Moments(string userId, DateTimeOffset start, int weeks, Random random)
    {
        for (var week = 0; week < weeks; week++)
        {
            var progress = week / (double)(weeks - 1);
            var count = Poisson(random, Lerp(5.5, 2.2, progress));
            for (var i = 0; i < count; i++)
            {
                var when = start.AddDays(week * 7 + random.Next(7)).AddHours(7 + random.Next(16)).AddMinutes(random.Next(60));
                if (when > start.AddDays(7 * weeks)) continue;   // the current week is not over yet
                var chooseNew = random.NextDouble() < Lerp(0.05, 0.55, progress);
                var paused = chooseNew || random.NextDouble() < Lerp(0.15, 0.45, progress);
                yield return new ActivationEntry
                {
                    Id = Guid.NewGuid(), UserId = userId, OccurredAt = when, CreatedAt = when, UpdatedAt = when,
                    Relationship = random.NextDouble() < 0.7 ? Relationship.Partner : (Relationship)random.Next(1, 6),
                    Pull = random.NextDouble() < 0.75 ? Pull.Toward : (Pull)random.Next(1, 3),
                    Intensity = Math.Clamp((int)Math.Round(Lerp(7.5, 4.5, progress) + Normal(random) * 1.5), 0, 10),
                    Noticed = random.NextDouble() < Lerp(0.15, 0.6, progress) ? Noticed.InTheMoment : (Noticed)random.Next(1, 4),
                    Response = chooseNew ? ResponseChoice.PausedAndChoseNew : paused ? ResponseChoice.PausedThenOldPattern : ResponseChoice.RanOldPattern,
                    NewResponseKind = chooseNew ? (NewResponseKind)random.Next(0, 6) : null,
                    SettledMinutes = Math.Max(2, (int)(Lerp(90, 25, progress) * Math.Exp(Normal(random) * 0.5))),
                };
            }
        }
    }

    // Expectations start pessimistic (about 25% expected care) while care actually comes about 70% of
    // the time; the expectation rises toward the evidence. Now and then a corrective experience.
    public static IEnumerable<ExpectationEntry> Expectations(string userId, DateTimeOffset start, int weeks, Random random)
    {
        for (var week = 0; week < weeks; week++)
        {
            var progress = week / (double)(weeks - 1);
            var when = start.AddDays(week * 7 + random.Next(6)).AddHours(12 + random.Next(9));
            if (when.AddDays(1) > start.AddDays(7 * weeks)) continue;
            var roll = random.NextDouble();
            var outcome = roll < 0.7 ? Outcome.Care : roll < 0.85 ? Outcome.Mixed : Outcome.NotCare;
            var expected = Math.Clamp((int)Math.Round((Lerp(25, 65, progress) + Normal(random) * 10) / 10) * 10, 0, 100);
            var relationship = random.NextDouble() < 0.75 ? Relationship.Partner : Relationship.Friend;
            yield return new ExpectationEntry
            {
                Id = Guid.NewGuid(), UserId = userId, RecordedAt = when, Relationship = relationship,
                ExpectedCarePercent = expected, Outcome = outcome, OutcomeAt = when.AddHours(2),
            };
            if (random.NextDouble() < 0.15)
                yield return new ExpectationEntry
                {
                    Id = Guid.NewGuid(), UserId = userId, RecordedAt = when.AddDays(1), OutcomeAt = when.AddDays(1), Relationship = relationship,
                    CorrectiveKind = (CorrectiveKind)random.Next(0, 3), Outcome = Outcome.Care,
                };
        }
    }

    static double Lerp(double from, double to, double t) => from + (to - from) * t;

    static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    static int Poisson(Random random, double mean)
    {
        var (limit, k, p) = (Math.Exp(-mean), 0, 1.0);
        while ((p *= random.NextDouble()) > limit) k++;
        return k;
    }
}
