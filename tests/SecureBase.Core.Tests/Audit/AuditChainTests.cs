using SecureBase.Core.Audit;

namespace SecureBase.Core.Tests.Audit;

public class AuditChainTests
{
    static List<ChainedAuditRow> Chain(int count)
    {
        var rows = new List<ChainedAuditRow>();
        for (var i = 1; i <= count; i++)
            rows.Add(AuditChain.Append(rows.LastOrDefault(), new AuditFields(i, new DateTimeOffset(2026, 1, 5, 9, i, 0, TimeSpan.Zero),
                "therapist", "Therapist", "client", "ActivationEntry", $"entry-{i}", "ActivationEntries", "Read", i % 3 != 0, "192.0.2.1")));
        return rows;
    }

    [Fact]
    public void AWholeChainVerifies() => Assert.Null(AuditChain.FirstBreak(Chain(10)));

    [Fact]
    public void AnEmptyChainVerifies() => Assert.Null(AuditChain.FirstBreak([]));

    public static TheoryData<string, long> Tampering => new()
    {
        { "edit", 4 }, { "delete", 5 }, { "swap", 5 }, { "edit-first", 1 }, { "delete-first", 2 }, { "edit-last", 10 }, { "rehash-edit", 5 },
    };

    [Theory, MemberData(nameof(Tampering))]
    public void NamesTheFirstRowWhereTheChainBreaks(string tampering, long firstBreak)
    {
        var rows = Chain(10);
        switch (tampering)
        {
            case "edit": rows[3] = rows[3] with { Fields = rows[3].Fields with { Allowed = !rows[3].Fields.Allowed } }; break;
            case "delete": rows.RemoveAt(3); break;                                         // sequence 4 gone: 5 follows 3
            case "swap": (rows[3], rows[4]) = (rows[4], rows[3]); break;
            case "edit-first": rows[0] = rows[0] with { Fields = rows[0].Fields with { ActorId = "someone else" } }; break;
            case "delete-first": rows.RemoveAt(0); break;
            case "edit-last": rows[9] = rows[9] with { Fields = rows[9].Fields with { Address = "203.0.113.9" } }; break;
            case "rehash-edit":                                                              // an edit whose own hash was recomputed still breaks the next link
                var edited = rows[3].Fields with { ClientId = "another client" };
                rows[3] = rows[3] with { Fields = edited, Hash = AuditChain.Hash(rows[3].PreviousHash, edited) };
                break;
        }
        Assert.Equal(firstBreak, AuditChain.FirstBreak(rows));
    }

    [Fact]
    public void FieldsCannotBeShiftedIntoEachOther()
    {
        var a = new AuditFields(1, DateTimeOffset.UnixEpoch, "ab", "c", "client", "k", null, "s", "Read", true, null);
        var b = a with { ActorId = "a", ActorRole = "bc" };
        Assert.NotEqual(AuditChain.Hash(AuditChain.Genesis, a), AuditChain.Hash(AuditChain.Genesis, b));
    }

    // A row about many clients (a caseload view) names them in Subjects; rows written before Subjects existed
    // keep the hash they were written with (this one was computed by the code before the change).
    [Fact]
    public void SubjectsAreHashedOnlyWhenPresent()
    {
        var old = new AuditFields(1, DateTimeOffset.UnixEpoch, "therapist", "Therapist", "client", "Caseload summary", null, "Scores", "read", true, null);
        Assert.Equal("0ea408c7828ea29dbefff67d7be50ae65a9f00c23998bc69d089e10694ed3bba", AuditChain.Hash(AuditChain.Genesis, old));
        var many = old with { ClientId = "", Subjects = """[{"scope":"Scores","allowed":true,"clients":["a","b"]}]""" };
        var fewer = many with { Subjects = """[{"scope":"Scores","allowed":true,"clients":["a"]}]""" };
        Assert.NotEqual(AuditChain.Hash(AuditChain.Genesis, many), AuditChain.Hash(AuditChain.Genesis, fewer));
        Assert.NotEqual(AuditChain.Hash(AuditChain.Genesis, many with { Subjects = "" }), AuditChain.Hash(AuditChain.Genesis, many with { Subjects = null }));
    }

    [Fact]
    public void AClientTakenOffAManyClientRowBreaksTheChain()
    {
        var rows = Chain(4);
        rows.Add(AuditChain.Append(rows[^1], new AuditFields(5, DateTimeOffset.UnixEpoch, "therapist", "Therapist", "", "Caseload summary", null, "Scores", "read", true, null,
            """[{"scope":"Scores","allowed":true,"clients":["a","b"]}]""")));
        rows.Add(AuditChain.Append(rows[^1], rows[0].Fields with { Sequence = 6 }));
        Assert.Null(AuditChain.FirstBreak(rows));
        rows[4] = rows[4] with { Fields = rows[4].Fields with { Subjects = """[{"scope":"Scores","allowed":true,"clients":["a"]}]""" } };
        Assert.Equal(5, AuditChain.FirstBreak(rows));
    }
}
