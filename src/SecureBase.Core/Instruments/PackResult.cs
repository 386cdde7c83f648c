namespace SecureBase.Core.Instruments;

public sealed record PackResult(InstrumentPack? Pack, IReadOnlyList<string> Errors)
{
    public bool IsValid => Pack is not null && Errors.Count == 0;
}
