using SecureBase.Core.Statistics;

namespace SecureBase.Web.Features.Questionnaires;

public static class VerdictText
{
    public static string Of(Verdict verdict) => verdict switch
    {
        Verdict.ReliableImprovement => "Reliable improvement",
        Verdict.ReliableDeterioration => "Reliable change for the worse",
        Verdict.NoReliableChange => "No reliable change",
        _ => "Cannot judge yet",
    };
}
