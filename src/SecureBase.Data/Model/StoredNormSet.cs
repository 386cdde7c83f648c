using SecureBase.Core.Statistics;

namespace SecureBase.Data.Model;

public sealed class StoredNormSet
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string InstrumentId { get; set; }
    public string? TargetId { get; set; }   // null: every target
    public NormOrigin Origin { get; set; }
    public required string Source { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<StoredNormEntry> Entries { get; set; } = [];

    public NormSet ToNormSet() => new(Id, Name, InstrumentId, Origin, Source, Entries.Select(e => e.ToNormEntry()).ToList(), TargetId);

    public static StoredNormSet From(NormSet set, DateTimeOffset createdAt) => new()
    {
        Id = set.Id,
        Name = set.Name,
        InstrumentId = set.InstrumentId,
        TargetId = set.TargetId,
        Origin = set.Origin,
        Source = set.Source,
        CreatedAt = createdAt,
        Entries = set.Entries.Select(e => { var entry = StoredNormEntry.From(e); entry.NormSetId = set.Id; return entry; }).ToList(),   // part of the entry's key: set here, not left to EF
    };
}

public sealed class StoredNormEntry
{
    public required string NormSetId { get; set; }
    public required string SubscaleId { get; set; }
    public double Mean { get; set; }
    public double StandardDeviation { get; set; }
    public double? Reliability { get; set; }
    public ReliabilityKind ReliabilityKind { get; set; }
    public int N { get; set; }
    public double? FunctionalMean { get; set; }
    public double? FunctionalStandardDeviation { get; set; }
    public double? ClinicalMean { get; set; }
    public double? ClinicalStandardDeviation { get; set; }

    public NormEntry ToNormEntry() => new(SubscaleId, Mean, StandardDeviation, Reliability, ReliabilityKind, N,
        FunctionalMean is { } fm && FunctionalStandardDeviation is { } fsd ? new PopulationNorm(fm, fsd) : null,
        ClinicalMean is { } cm && ClinicalStandardDeviation is { } csd ? new PopulationNorm(cm, csd) : null);

    public static StoredNormEntry From(NormEntry e) => new()
    {
        NormSetId = "",
        SubscaleId = e.SubscaleId,
        Mean = e.Mean,
        StandardDeviation = e.StandardDeviation,
        Reliability = e.Reliability,
        ReliabilityKind = e.ReliabilityKind,
        N = e.N,
        FunctionalMean = e.Functional?.Mean,
        FunctionalStandardDeviation = e.Functional?.StandardDeviation,
        ClinicalMean = e.Clinical?.Mean,
        ClinicalStandardDeviation = e.Clinical?.StandardDeviation,
    };
}
