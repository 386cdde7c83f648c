using NodaTime;
using SecureBase.Core.Sharing;
using SecureBase.Web.Features.Caseload;

namespace SecureBase.Web.Tests.Caseload;

// Sorting by name reads as a person reads: numbers inside names by value, case aside (a tester saw
// …-2, -12, -11, -10, -1 in plain text order).
public sealed class CaseloadOrderTests
{
    static CaseloadEntry Named(string email) => new(Guid.NewGuid(), email, email, DateTimeOffset.UnixEpoch, new HashSet<ConsentScope>(), DateTimeZone.Utc,
        null, null, null, null, null, null, null, null, [], []);

    [Theory]
    [InlineData(false, "client-1@x.org", "Client-2@x.org", "client-10@x.org", "client-12@x.org")]
    [InlineData(true, "client-12@x.org", "client-10@x.org", "Client-2@x.org", "client-1@x.org")]
    public void NamesSortByTheNumbersInThem(bool descending, params string[] expected)
    {
        var rows = new[] { "client-10@x.org", "client-1@x.org", "client-12@x.org", "Client-2@x.org" }.Select(Named);
        Assert.Equal(expected, CaseloadOrder.Sort(rows, "name", descending, Instant.FromUtc(2026, 12, 1, 12, 0)).Select(r => r.Email));
    }
}
