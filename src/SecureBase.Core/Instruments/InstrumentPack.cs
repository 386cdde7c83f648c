namespace SecureBase.Core.Instruments;

// An instrument is data, not code: a validated pack declares its items, scale, keys and subscales,
// and the scoring engine is generic over it.
public sealed record InstrumentPack(
    string Id,
    string Version,
    string Title,
    string ShortTitle,
    string Citation,
    string Notice,
    string Instructions,
    ResponseScale Scale,
    IReadOnlyList<Item> Items,
    IReadOnlyList<Subscale> Subscales,
    IReadOnlyList<Composite> Composites,
    IReadOnlyList<RelationshipTarget> Targets,
    PlaneAxes? Plane,
    string? Caution)
{
    // Scoring looks items up for every answer of every row of a CSV: index them once.
    private readonly Dictionary<string, Item> _itemsById = Items.ToDictionary(i => i.Id, StringComparer.Ordinal);
    private readonly ILookup<string, Item> _itemsBySubscale = Items.ToLookup(i => i.SubscaleId, StringComparer.Ordinal);

    public Item? FindItem(string itemId) => _itemsById.GetValueOrDefault(itemId);

    public Item? FindItemByNumber(int number) => Items.FirstOrDefault(i => i.Number == number);

    public Subscale? FindSubscale(string subscaleId) => Subscales.FirstOrDefault(s => s.Id == subscaleId);

    public IEnumerable<Item> ItemsOf(string subscaleId) => _itemsBySubscale[subscaleId];
}

public sealed record ResponseScale(int Min, int Max, IReadOnlyDictionary<int, string> Anchors)
{
    public bool Contains(int value) => value >= Min && value <= Max;

    // Reverse keying on any integer scale: on 1–7 this is the familiar 8 − raw.
    public int Reverse(int value) => Min + Max - value;
}

public sealed record Item(string Id, int Number, string Text, string SubscaleId, bool Reversed);

public enum Better
{
    Lower = -1,
    Higher = 1,
}

public sealed record Subscale(string Id, string Name, Better Better, string Description);

// A weighted sum of subscale scores, e.g. the RQ's model of self = (secure + dismissing) − (fearful + preoccupied).
public sealed record Composite(string Id, string Name, Better Better, IReadOnlyList<CompositeTerm> Terms, string Description);

public sealed record CompositeTerm(string SubscaleId, double Weight);

public sealed record RelationshipTarget(string Id, string Label);

// Which subscales place a score on the anxiety × avoidance plane.
public sealed record PlaneAxes(string AnxietySubscaleId, string AvoidanceSubscaleId);
