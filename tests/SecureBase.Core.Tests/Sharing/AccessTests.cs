using SecureBase.Core.Sharing;

namespace SecureBase.Core.Tests.Sharing;

public class AccessTests
{
    static readonly Guid Practice = Guid.Parse("11111111-1111-1111-1111-111111111111");
    static readonly Guid OtherPractice = Guid.Parse("22222222-2222-2222-2222-222222222222");
    static readonly Guid SharedEntry = Guid.Parse("33333333-3333-3333-3333-333333333333");
    static readonly Guid PrivateEntry = Guid.Parse("44444444-4444-4444-4444-444444444444");
    static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    const string Client = "client", Therapist = "therapist";

    static readonly CareRelationship Active = new(Practice, Therapist, Client, Start, null);
    static readonly ConsentSnapshot ScoresAndOneNote = new(new HashSet<ConsentScope> { ConsentScope.Scores, ConsentScope.WeeklyMetrics }, new HashSet<Guid> { SharedEntry });

    static Viewer TherapistViewer(bool mfa = true, bool active = true, Guid? practice = null) =>
        new(Therapist, mfa, [new Membership(practice ?? Practice, PracticeRole.Therapist, active)]);

    // subject, viewer, scope, entry, operation, relationship, expected reason (None = allowed)
    public static TheoryData<string, Viewer, ConsentScope, Guid?, Operation, CareRelationship?, DenialReason> Cases => new()
    {
        { "the client, any scope", new Viewer(Client, false, []), ConsentScope.ItemAnswers, null, Operation.Read, null, DenialReason.None },
        { "the client writes", new Viewer(Client, false, []), ConsentScope.ActivationEntries, null, Operation.Write, null, DenialReason.None },
        { "the client's own private note", new Viewer(Client, false, []), ConsentScope.SharedNote, PrivateEntry, Operation.Read, null, DenialReason.None },
        { "another client", new Viewer("someone else", false, []), ConsentScope.Scores, null, Operation.Read, null, DenialReason.SecondFactorRequired },
        { "another client with MFA", new Viewer("someone else", true, []), ConsentScope.Scores, null, Operation.Read, Active, DenialReason.NoRelationship },
        { "their therapist, granted scope", TherapistViewer(), ConsentScope.Scores, null, Operation.Read, Active, DenialReason.None },
        { "their therapist, second granted scope", TherapistViewer(), ConsentScope.WeeklyMetrics, null, Operation.Read, Active, DenialReason.None },
        { "their therapist, scope not granted", TherapistViewer(), ConsentScope.ItemAnswers, null, Operation.Read, Active, DenialReason.ScopeNotGranted },
        { "their therapist, entries not granted", TherapistViewer(), ConsentScope.ActivationEntries, null, Operation.Read, Active, DenialReason.ScopeNotGranted },
        { "their therapist, shared note", TherapistViewer(), ConsentScope.SharedNote, SharedEntry, Operation.Read, Active, DenialReason.None },
        { "their therapist, private note", TherapistViewer(), ConsentScope.SharedNote, PrivateEntry, Operation.Read, Active, DenialReason.NoteNotShared },
        { "their therapist, note without entry", TherapistViewer(), ConsentScope.SharedNote, null, Operation.Read, Active, DenialReason.NoteNotShared },
        { "their therapist writes", TherapistViewer(), ConsentScope.Scores, null, Operation.Write, Active, DenialReason.OnlyTheClientWrites },
        { "their therapist opens the client's own page", TherapistViewer(), ConsentScope.Scores, null, Operation.OpenOwnPage, Active, DenialReason.OnlyTheClientWrites },
        { "the client opens their own page", new Viewer(Client, false, []), ConsentScope.SharedNote, PrivateEntry, Operation.OpenOwnPage, null, DenialReason.None },
        { "their therapist without MFA", TherapistViewer(mfa: false), ConsentScope.Scores, null, Operation.Read, Active, DenialReason.SecondFactorRequired },
        { "their therapist, deactivated", TherapistViewer(active: false), ConsentScope.Scores, null, Operation.Read, Active, DenialReason.MembershipDeactivated },
        { "their therapist, relationship ended", TherapistViewer(), ConsentScope.Scores, null, Operation.Read, Active with { Ended = Start.AddDays(30) }, DenialReason.RelationshipEnded },
        { "a therapist of another practice", TherapistViewer(practice: OtherPractice), ConsentScope.Scores, null, Operation.Read, Active, DenialReason.NotAMemberOfThePractice },
        { "a therapist who is not theirs", new Viewer("colleague", true, [new Membership(Practice, PracticeRole.Therapist, true)]), ConsentScope.Scores, null, Operation.Read, Active, DenialReason.NoRelationship },
        { "the owner, not their therapist", new Viewer("owner", true, [new Membership(Practice, PracticeRole.Owner, true)]), ConsentScope.Scores, null, Operation.Read, Active, DenialReason.NoRelationship },
        { "no relationship at all", TherapistViewer(), ConsentScope.Scores, null, Operation.Read, null, DenialReason.NoRelationship },
        { "a relationship with another client", TherapistViewer(), ConsentScope.Scores, null, Operation.Read, Active with { ClientId = "other client" }, DenialReason.NoRelationship },
    };

    [Theory, MemberData(nameof(Cases))]
    public void DecidesWhoMaySeeWhat(string subject, Viewer viewer, ConsentScope scope, Guid? entry, Operation operation, CareRelationship? relationship, DenialReason expected)
    {
        var decision = Access.Decide(viewer, new ClientResource(Client, scope, entry), operation, relationship, ScoresAndOneNote);
        Assert.True(decision.Reason == expected, $"{subject}: {decision.Reason}, expected {expected}");
        Assert.Equal(expected == DenialReason.None, decision.Allowed);
    }

    [Fact]
    public void ANewRelationshipSharesNothing()
    {
        foreach (var scope in Enum.GetValues<ConsentScope>())
            Assert.False(Access.Decide(TherapistViewer(), new ClientResource(Client, scope, SharedEntry), Operation.Read, Active, ConsentSnapshot.None).Allowed);
    }

    public static TheoryData<string, Viewer, bool, bool> PracticeCases => new()
    {
        // who, may manage the practice, may take clients in it
        { "active owner with MFA", new Viewer("o", true, [new Membership(Practice, PracticeRole.Owner, true)]), true, true },
        { "active owner without MFA", new Viewer("o", false, [new Membership(Practice, PracticeRole.Owner, true)]), false, false },
        { "deactivated owner", new Viewer("o", true, [new Membership(Practice, PracticeRole.Owner, false)]), false, false },
        { "owner of another practice", new Viewer("o", true, [new Membership(OtherPractice, PracticeRole.Owner, true)]), false, false },
        { "active therapist with MFA", TherapistViewer(), false, true },
        { "therapist without MFA", TherapistViewer(mfa: false), false, false },
        { "deactivated therapist", TherapistViewer(active: false), false, false },
        { "therapist of another practice", TherapistViewer(practice: OtherPractice), false, false },
        { "a client", new Viewer(Client, true, []), false, false },
    };

    [Theory, MemberData(nameof(PracticeCases))]
    public void DecidesWhoRunsAPracticeAndWhoTakesClients(string subject, Viewer viewer, bool manage, bool takeClients)
    {
        Assert.True(Access.MayManagePractice(viewer, Practice) == manage, $"{subject}: manage");
        Assert.True(Access.MayTakeClients(viewer, Practice) == takeClients, $"{subject}: take clients");
    }

    // subject, viewer, relationship, expected reason (None = allowed)
    public static TheoryData<string, Viewer, CareRelationship?, DenialReason> RecordCases => new()
    {
        { "their therapist", TherapistViewer(), Active, DenialReason.None },
        { "their therapist without MFA", TherapistViewer(mfa: false), Active, DenialReason.SecondFactorRequired },
        { "their therapist, deactivated", TherapistViewer(active: false), Active, DenialReason.MembershipDeactivated },
        { "their therapist, relationship ended", TherapistViewer(), Active with { Ended = Start.AddDays(30) }, DenialReason.RelationshipEnded },
        { "their therapist, moved to another practice", TherapistViewer(practice: OtherPractice), Active, DenialReason.NotAMemberOfThePractice },
        { "the client", new Viewer(Client, true, []), Active, DenialReason.NoRelationship },
        { "a colleague", new Viewer("colleague", true, [new Membership(Practice, PracticeRole.Therapist, true)]), Active, DenialReason.NoRelationship },
        { "the owner", new Viewer("owner", true, [new Membership(Practice, PracticeRole.Owner, true)]), Active, DenialReason.NoRelationship },
        { "no relationship", TherapistViewer(), null, DenialReason.NoRelationship },
    };

    [Theory, MemberData(nameof(RecordCases))]
    public void OnlyTheRelationshipsTherapistKeepsRecordsAboutTheClient(string subject, Viewer viewer, CareRelationship? relationship, DenialReason expected)
    {
        var decision = Access.MayKeepRecords(viewer, relationship);
        Assert.True(decision.Reason == expected, $"{subject}: {decision.Reason}, expected {expected}");
        Assert.Equal(expected == DenialReason.None, decision.Allowed);
    }
}
