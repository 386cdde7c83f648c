using System.ComponentModel.DataAnnotations;
using SecureBase.Core.ActivationLog;
using SecureBase.Core.WorkingModel;

namespace SecureBase.Web.Features.Expectations;

public sealed class BeforeInput
{
    [Required(ErrorMessage = "Choose with whom."), EnumDataType(typeof(Relationship), ErrorMessage = "Choose with whom from the list.")]
    [DeniedValues(Core.ActivationLog.Relationship.NotSaid, ErrorMessage = "Choose with whom: an expectation is about someone.")]
    public Relationship? Relationship { get; set; }

    [StringLength(60, ErrorMessage = "Keep the name or label under 60 characters.")]
    public string? RelationshipLabel { get; set; }

    [Required(ErrorMessage = "Say briefly what you will do."), StringLength(1000, ErrorMessage = "Keep it under 1000 characters.")]
    public string? Plan { get; set; }

    [Required(ErrorMessage = "Choose how likely a caring response feels.")]
    [Range(Expectation.MinPercent, Expectation.MaxPercent, ErrorMessage = "Likelihood is from 0% to 100%.")]
    public int? ExpectedCarePercent { get; set; }
}

public sealed class CorrectiveInput
{
    [Required(ErrorMessage = "Choose what happened."), EnumDataType(typeof(CorrectiveKind), ErrorMessage = "Choose what happened from the list.")]
    public CorrectiveKind? Kind { get; set; }

    [Required(ErrorMessage = "Choose with whom."), EnumDataType(typeof(Relationship), ErrorMessage = "Choose with whom from the list.")]
    [DeniedValues(Core.ActivationLog.Relationship.NotSaid, ErrorMessage = "Choose with whom: an expectation is about someone.")]
    public Relationship? Relationship { get; set; }

    [StringLength(60, ErrorMessage = "Keep the name or label under 60 characters.")]
    public string? RelationshipLabel { get; set; }

    [StringLength(2000, ErrorMessage = "Keep it under 2000 characters.")]
    public string? Feeling { get; set; }
}

public sealed class OutcomeInput
{
    [Required(ErrorMessage = "Choose what happened."), EnumDataType(typeof(Outcome), ErrorMessage = "Choose what happened from the list.")]
    public Outcome? Outcome { get; set; }

    [StringLength(2000, ErrorMessage = "Keep it under 2000 characters.")]
    public string? Feeling { get; set; }
}

public static class ExpectationLabels
{
    public static string Of(Outcome outcome) => outcome switch
    {
        Outcome.Care => "Responded with care",
        Outcome.Mixed => "Mixed",
        Outcome.NotCare => "Not with care",
        _ => "It didn't happen",
    };

    public static string Of(CorrectiveKind kind) => kind switch
    {
        CorrectiveKind.RepairAfterConflict => "Repair after a conflict",
        CorrectiveKind.ShowedUpConsistently => "Someone showed up consistently",
        CorrectiveKind.VulnerabilityMetWithCare => "Vulnerability met with care",
        _ => "Something else",
    };
}
