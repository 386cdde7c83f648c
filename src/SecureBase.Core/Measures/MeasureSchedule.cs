using NodaTime;

namespace SecureBase.Core.Measures;

/// <summary>
/// One questionnaire a therapist has scheduled for a client: the instrument (and, for the ECR-RS, the
/// relationship it asks about), whether it is due at intake, and how often after that (in weeks; null =
/// once). Dates are on the client's clock. <see cref="Since"/> is the day the rule was set: a schedule
/// changed mid-way counts its due dates from the change.
/// </summary>
public sealed record MeasureRule(string InstrumentId, string? TargetId, bool AtIntake, int? EveryWeeks, LocalDate Since);

/// <summary>Where a scheduled measure stands today.</summary>
public enum DueState
{
    /// <summary>Taken for its current due date, or the first due date is still ahead.</summary>
    NotDue,
    /// <summary>Its due date has come and it has not been taken (within the grace period).</summary>
    Due,
    /// <summary>Past the grace period and not taken.</summary>
    Overdue,
}

/// <summary>
/// The answer for one rule: its state, the due date it concerns (null when none has come yet), the next
/// due date (null for a rule with no repeat that was taken), and how many earlier due dates passed untaken
/// ("missed": a due date counts as missed once the next one arrives without it).
/// </summary>
public sealed record DueMeasure(MeasureRule Rule, DueState State, LocalDate? DueOn, LocalDate? NextDue, int Missed);

/// <summary>
/// Measure schedules (issue 9), pure: due dates are intake (= <see cref="MeasureRule.Since"/>, when
/// <see cref="MeasureRule.AtIntake"/>) and then every <see cref="MeasureRule.EveryWeeks"/> weeks from it.
/// A due date is met by a completion from <see cref="EarlyDays"/> days before it up to the next due date
/// (so a questionnaire taken a few days early counts, and one completion meets at most one due date: the
/// earliest open one, so one taken late in the week before the next date settles the open one).
/// Due for <see cref="GraceDays"/> days, overdue after that, missed once the next due date comes.
/// Defaults follow PRODUCT.md §1: ECR-R at baseline and about every 3 months (12 weeks), ECR-RS monthly (4 weeks).
/// </summary>
public static class MeasureSchedules
{
    /// <summary>Days a due measure waits before it is overdue.</summary>
    public const int GraceDays = 7;

    /// <summary>Days before a due date from which a completion counts for it.</summary>
    public const int EarlyDays = 7;

    /// <summary>What a therapist is offered for a new client: ECR-R at intake and every 12 weeks; ECR-RS about the therapist every 4 weeks.</summary>
    public static IReadOnlyList<MeasureRule> Defaults(LocalDate since) =>
    [
        new("ecr-r", null, AtIntake: true, EveryWeeks: 12, since),
        new("ecr-rs", "therapist", AtIntake: false, EveryWeeks: 4, since),
    ];

    /// <summary>
    /// The state of <paramref name="rule"/> on <paramref name="today"/>, given the dates (client's clock) on which
    /// that instrument (and target) was completed, in any order.
    /// </summary>
    public static DueMeasure StateOf(MeasureRule rule, IReadOnlyCollection<LocalDate> completed, LocalDate today)
    {
        var dueDates = DueDates(rule, today).ToList();   // every due date up to today, and the first after it
        var past = dueDates.Where(d => d <= today).ToList();
        var next = dueDates.FirstOrDefault(d => d > today);
        LocalDate? nextDue = next == default ? null : next;
        if (past.Count == 0) return new DueMeasure(rule, DueState.NotDue, null, nextDue, 0);

        var unused = completed.Where(c => c >= rule.Since.PlusDays(-EarlyDays)).Order().ToList();
        var met = new List<bool>();
        for (var i = 0; i < past.Count; i++)
        {
            // Up to the next due date itself: a completion in the week before it meets this date if this one
            // is still open (taken late), else it stays for the next (taken early). Earliest dates first.
            var windowEnd = i + 1 < dueDates.Count ? dueDates[i + 1] : LocalDate.MaxIsoValue;
            var taken = unused.FirstOrDefault(c => c >= past[i].PlusDays(-EarlyDays) && c < windowEnd);
            met.Add(taken != default);
            if (taken != default) unused.Remove(taken);
        }
        var current = past[^1];
        var missed = met.Take(met.Count - 1).Count(m => !m);
        if (met[^1]) return new DueMeasure(rule, DueState.NotDue, current, nextDue, missed);
        var state = Period.Between(current, today, PeriodUnits.Days).Days >= GraceDays ? DueState.Overdue : DueState.Due;
        return new DueMeasure(rule, state, current, nextDue, missed);
    }

    /// <summary>
    /// The same, for completions and "now" as instants, read on the client's clock (<paramref name="zone"/>):
    /// what counts as early, on time or overdue is a matter of the client's calendar days.
    /// </summary>
    public static DueMeasure StateOf(MeasureRule rule, IEnumerable<Instant> completedAt, Instant now, DateTimeZone zone) =>
        StateOf(rule, completedAt.Select(c => c.InZone(zone).Date).ToList(), now.InZone(zone).Date);

    static IEnumerable<LocalDate> DueDates(MeasureRule rule, LocalDate today)
    {
        if (rule.AtIntake) yield return rule.Since;
        if (rule.EveryWeeks is not { } weeks || weeks <= 0)
        {
            if (!rule.AtIntake) yield return rule.Since;   // a one-off rule without intake: due once, on the day it was set
            yield break;
        }
        for (var k = 1; ; k++)
        {
            var date = rule.Since.PlusWeeks(weeks * k);
            yield return date;
            if (date > today) yield break;
        }
    }
}
