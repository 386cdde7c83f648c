using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using SecureBase.Core.ActivationLog;

namespace SecureBase.Web.Features.Log;

// What the log form posts. Only pull, intensity and response are needed; the rest is optional detail.
public sealed class ActivationInput
{
    public const int MaxNoteLength = 4000;
    public const int MaxLabelLength = 60;

    [Required(ErrorMessage = "Choose which way it pulled you.")]
    public Pull? Pull { get; set; }

    [Required(ErrorMessage = "Choose how intense it was, 0 to 10.")]
    [Range(Activation.MinIntensity, Activation.MaxIntensity, ErrorMessage = "Intensity is from 0 to 10.")]
    public int? Intensity { get; set; }

    [Required(ErrorMessage = "Choose what you did.")]
    public ResponseChoice? Response { get; set; }

    public string? When { get; set; }
    public Relationship? Relationship { get; set; }

    [StringLength(MaxLabelLength, ErrorMessage = "Keep the name or label under 60 characters.")]
    public string? RelationshipLabel { get; set; }

    public Noticed? Noticed { get; set; }
    public NewResponseKind? NewResponseKind { get; set; }

    [Range(0, Activation.MaxSettledMinutes, ErrorMessage = "Minutes to settle must be between 0 and 10080 (a week).")]
    public int? SettledMinutes { get; set; }

    [StringLength(MaxNoteLength, ErrorMessage = "Keep the note under 4000 characters.")]
    public string? Note { get; set; }

    // Checks model binding cannot: enum values that exist, and a time that has happened.
    public DateTimeOffset? Validate(ModelStateDictionary state, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (Pull is { } p && !Enum.IsDefined(p)) state.AddModelError("Input.Pull", "Choose which way it pulled you.");
        if (Response is { } r && !Enum.IsDefined(r)) state.AddModelError("Input.Response", "Choose what you did.");
        if (Relationship is { } rel && !Enum.IsDefined(rel)) state.AddModelError("Input.Relationship", "Choose a relationship from the list.");
        if (Noticed is { } n && !Enum.IsDefined(n)) state.AddModelError("Input.Noticed", "Choose when you noticed from the list.");
        if (NewResponseKind is { } k && !Enum.IsDefined(k)) state.AddModelError("Input.NewResponseKind", "Choose a new response from the list.");
        if (string.IsNullOrWhiteSpace(When)) return now;
        if (!DateTime.TryParseExact(When, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            state.AddModelError("Input.When", "Enter the date and time as shown, e.g. 2026-03-01 18:30.");
            return null;
        }
        var instant = LocalTime.ToInstant(local, zone);
        if (instant > now.AddMinutes(5)) state.AddModelError("Input.When", "That time has not happened yet.");
        else if (instant < now.AddYears(-5)) state.AddModelError("Input.When", "That is more than five years ago; enter a recent moment.");
        return instant;
    }
}
