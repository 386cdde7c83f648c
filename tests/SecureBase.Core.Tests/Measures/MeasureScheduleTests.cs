using NodaTime;
using NodaTime.Text;
using SecureBase.Core.Measures;

namespace SecureBase.Core.Tests.Measures;

public class MeasureScheduleTests
{
    static LocalDate D(string text) => LocalDatePattern.Iso.Parse(text).Value;

    static readonly LocalDate Since = D("2026-01-05");

    static MeasureRule EcrR => new("ecr-r", null, AtIntake: true, EveryWeeks: 12, Since);

    // today, completions (comma-separated), expected state, due-on, next, missed
    [Theory]
    // Intake day, nothing taken: due now; next due in 12 weeks.
    [InlineData("2026-01-05", "", DueState.Due, "2026-01-05", "2026-03-30", 0)]
    // Six days later, still nothing: due; seven: overdue.
    [InlineData("2026-01-11", "", DueState.Due, "2026-01-05", "2026-03-30", 0)]
    [InlineData("2026-01-12", "", DueState.Overdue, "2026-01-05", "2026-03-30", 0)]
    // Taken at intake: not due until 30 March.
    [InlineData("2026-02-01", "2026-01-06", DueState.NotDue, "2026-01-05", "2026-03-30", 0)]
    // Taken five days early for the 12-week date: it counts.
    [InlineData("2026-04-02", "2026-01-05,2026-03-25", DueState.NotDue, "2026-03-30", "2026-06-22", 0)]
    // Taken eight days early: it counts for intake's window only if intake was open; here intake was met, so the 12-week date is due.
    [InlineData("2026-04-02", "2026-01-05,2026-03-22", DueState.Due, "2026-03-30", "2026-06-22", 0)]
    // Intake never taken, the 12-week date reached: intake is missed, the new one due.
    [InlineData("2026-03-31", "", DueState.Due, "2026-03-30", "2026-06-22", 1)]
    // One completion meets one due date only: taken once at intake, nothing since, two later dates passed.
    [InlineData("2026-07-01", "2026-01-05", DueState.Overdue, "2026-06-22", "2026-09-14", 1)]
    // Intake open and taken in the week before the next date: it settles intake (it was not "early for the
    // next" while intake stood overdue); the next date then comes due as usual. A tester found it counted for neither.
    [InlineData("2026-03-25", "2026-03-24", DueState.NotDue, "2026-01-05", "2026-03-30", 0)]
    [InlineData("2026-03-31", "2026-03-24", DueState.Due, "2026-03-30", "2026-06-22", 0)]
    // A late intake (taken in week 5) still meets intake.
    [InlineData("2026-03-01", "2026-02-09", DueState.NotDue, "2026-01-05", "2026-03-30", 0)]
    public void EcrRAtIntakeAndEveryTwelveWeeks(string today, string completed, DueState state, string dueOn, string next, int missed)
    {
        var dates = completed.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(D).ToList();
        var result = MeasureSchedules.StateOf(EcrR, dates, D(today));
        Assert.Equal((state, D(dueOn), D(next), missed), (result.State, result.DueOn!.Value, result.NextDue!.Value, result.Missed));
    }

    [Fact]
    public void ARuleWithoutIntakeIsNotDueUntilItsFirstDate()
    {
        var monthly = new MeasureRule("ecr-rs", "therapist", AtIntake: false, EveryWeeks: 4, Since);
        var before = MeasureSchedules.StateOf(monthly, [], D("2026-01-20"));
        Assert.Equal((DueState.NotDue, (LocalDate?)null, (LocalDate?)D("2026-02-02")), (before.State, before.DueOn, before.NextDue));
        Assert.Equal(DueState.Due, MeasureSchedules.StateOf(monthly, [], D("2026-02-02")).State);
    }

    [Fact]
    public void AScheduleChangedMidWayCountsFromTheChange()
    {
        // Monthly since 1 June replaces an older rule: an administration in January is history, not a completion of the new rule.
        var changed = new MeasureRule("ecr-rs", "partner", AtIntake: true, EveryWeeks: 4, D("2026-06-01"));
        var result = MeasureSchedules.StateOf(changed, [D("2026-01-10")], D("2026-06-03"));
        Assert.Equal((DueState.Due, D("2026-06-01"), 0), (result.State, result.DueOn!.Value, result.Missed));
        // Taken a few days before the change: it counts for the new intake.
        Assert.Equal(DueState.NotDue, MeasureSchedules.StateOf(changed, [D("2026-05-28")], D("2026-06-03")).State);
    }

    [Fact]
    public void AOnceOnlyRuleIsDoneWhenTaken()
    {
        var once = new MeasureRule("rq", null, AtIntake: true, EveryWeeks: null, Since);
        Assert.Equal(DueState.Overdue, MeasureSchedules.StateOf(once, [], D("2026-03-01")).State);
        var done = MeasureSchedules.StateOf(once, [D("2026-01-07")], D("2027-01-01"));
        Assert.Equal((DueState.NotDue, (LocalDate?)null, 0), (done.State, done.NextDue, done.Missed));
    }

    [Fact]
    public void DefaultsAreEcrRQuarterlyAndEcrRsAboutTheTherapistMonthly()
    {
        var defaults = MeasureSchedules.Defaults(Since);
        Assert.Equal([("ecr-r", (string?)null, true, (int?)12), ("ecr-rs", "therapist", false, 4)],
            defaults.Select(r => (r.InstrumentId, r.TargetId, r.AtIntake, r.EveryWeeks)).ToList());
    }

    // The same completion instant is seven days early in Sydney (it counts) and eight in New York (it does not).
    [Theory]
    [InlineData("Australia/Sydney", DueState.NotDue)]
    [InlineData("America/New_York", DueState.Due)]
    [InlineData("Asia/Kolkata", DueState.NotDue)]
    public void EarlyAndOverdueAreCountedInTheClientsCalendarDays(string zoneId, DueState expected)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var rule = EcrR with { AtIntake = false };
        var completed = Instant.FromUtc(2026, 3, 22, 23, 0);   // 23 Mar 10:00 in Sydney, 23 Mar 04:30 in Kolkata, 22 Mar 19:00 in New York
        var now = Instant.FromUtc(2026, 4, 1, 12, 0);
        Assert.Equal(expected, MeasureSchedules.StateOf(rule, [completed], now, zone).State);
    }
}
