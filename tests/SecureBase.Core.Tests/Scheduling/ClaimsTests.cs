using NodaTime;
using NodaTime.Text;
using SecureBase.Core.Scheduling;
using SecureBase.Core.Sharing;

namespace SecureBase.Core.Tests.Scheduling;

public class ClaimsTests
{
    static Instant At(string text) => InstantPattern.ExtendedIso.Parse(text).Value;

    static Booked Span(string start, int minutes) => new(At(start), At(start) + Duration.FromMinutes(minutes), "x");

    [Theory]
    // 50 minutes + 10 buffer from 10:00Z: cells 10:00 … 10:55, twelve of them.
    [InlineData("2026-03-02T10:00:00Z", 50, 10, 12)]
    // Without a buffer: 10:00 … 10:45.
    [InlineData("2026-03-02T10:00:00Z", 50, 0, 10)]
    // Off the grid (10:02 for 50 + 0): floored start, 10:00 … 10:50, eleven cells.
    [InlineData("2026-03-02T10:02:00Z", 50, 0, 11)]
    // Kolkata 10:00 is 04:30Z, on the grid.
    [InlineData("2026-03-02T04:30:00Z", 45, 15, 12)]
    public void ASpanClaimsTheCellsOfItsTimeAndBuffer(string start, int minutes, int buffer, int count)
    {
        var cells = Claims.Cells(Span(start, minutes), Duration.FromMinutes(buffer));
        Assert.Equal(count, cells.Count);
        Assert.All(cells, c => Assert.Equal(0, c % Claims.CellMinutes));
        Assert.Equal(At(start).ToUnixTimeSeconds() / 60 / 5 * 5, cells[0]);
    }

    // Whatever the rule calls overlapping shares a cell; on the grid, what it does not never does.
    [Theory]
    [InlineData("2026-03-02T10:00:00Z", 50, "2026-03-02T11:00:00Z", 50, 10, false)]   // back to back with the buffer
    [InlineData("2026-03-02T10:00:00Z", 50, "2026-03-02T10:55:00Z", 50, 10, true)]    // inside the buffer
    [InlineData("2026-03-02T10:00:00Z", 50, "2026-03-02T10:50:00Z", 50, 0, false)]    // touching, no buffer
    [InlineData("2026-03-02T10:00:00Z", 50, "2026-03-02T10:45:00Z", 50, 0, true)]
    [InlineData("2026-03-02T11:00:00Z", 50, "2026-03-02T10:00:00Z", 50, 10, false)]
    [InlineData("2026-03-02T10:30:00Z", 60, "2026-03-02T10:00:00Z", 120, 0, true)]    // inside another
    public void CellsAgreeWithTheConflictRule(string a, int aMinutes, string b, int bMinutes, int buffer, bool overlap)
    {
        var (first, second) = (Span(a, aMinutes), Span(b, bMinutes));
        var gap = Duration.FromMinutes(buffer);
        Assert.Equal(overlap, first.Overlaps(second, gap));
        Assert.Equal(overlap, Claims.Cells(first, gap).Intersect(Claims.Cells(second, gap)).Any());
    }
}

public class SessionAccessTests
{
    static readonly Guid PracticeA = Guid.Parse("a0000000-0000-0000-0000-000000000001");
    static readonly Guid PracticeB = Guid.Parse("b0000000-0000-0000-0000-000000000002");

    static Viewer Member(string id, Guid practice, bool mfa = true, bool active = true, PracticeRole role = PracticeRole.Therapist) =>
        new(id, mfa, [new Membership(practice, role, active)]);

    public static TheoryData<string, Viewer, SessionParties, SessionRole> Cases => new()
    {
        { "the session's therapist", Member("t", PracticeA), new(PracticeA, "t", "c"), SessionRole.Therapist },
        { "the therapist, before a client exists", Member("t", PracticeA), new(PracticeA, "t", null), SessionRole.Therapist },
        { "the therapist without a second factor", Member("t", PracticeA, mfa: false), new(PracticeA, "t", "c"), SessionRole.None },
        { "the therapist, deactivated", Member("t", PracticeA, active: false), new(PracticeA, "t", "c"), SessionRole.None },
        { "the therapist, member of another practice only", Member("t", PracticeB), new(PracticeA, "t", "c"), SessionRole.None },
        { "the session's client", new Viewer("c", false, []), new(PracticeA, "t", "c"), SessionRole.Client },
        { "another client", new Viewer("d", true, []), new(PracticeA, "t", "c"), SessionRole.None },
        { "nobody yet: the person of an open request", new Viewer("c", false, []), new(PracticeA, "t", null), SessionRole.None },
        { "a colleague", Member("u", PracticeA), new(PracticeA, "t", "c"), SessionRole.None },
        { "the practice owner", Member("o", PracticeA, role: PracticeRole.Owner), new(PracticeA, "t", "c"), SessionRole.None },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void OnlyTheSessionsTherapistAndClientHaveAPart(string who, Viewer viewer, SessionParties session, SessionRole expected)
    {
        Assert.False(string.IsNullOrEmpty(who));
        Assert.Equal(expected, SessionAccess.RoleIn(viewer, session));
    }
}
