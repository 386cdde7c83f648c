using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using NodaTime;
using SecureBase.Core.ActivationLog;
using SecureBase.Core.Time;

namespace SecureBase.Web.Features.Log;

// What the log form posts. Only pull, intensity and response are needed; the rest is optional detail.
public sealed class ActivationInput
{
    public const int MaxNoteLength = 4000;
    public const int MaxLabelLength = 60;

    [Required(ErrorMessage = "Choose which way it pulled you."), EnumDataType(typeof(Pull), ErrorMessage = "Choose which way it pulled you.")]
    public Pull? Pull { get; set; }

    [Required(ErrorMessage = "Choose how intense it was, 0 to 10.")]
    [Range(Activation.MinIntensity, Activation.MaxIntensity, ErrorMessage = "Intensity is from 0 to 10.")]
    public int? Intensity { get; set; }

    [Required(ErrorMessage = "Choose what you did."), EnumDataType(typeof(ResponseChoice), ErrorMessage = "Choose what you did.")]
    public ResponseChoice? Response { get; set; }

    public string? When { get; set; }
    [EnumDataType(typeof(Relationship), ErrorMessage = "Choose a relationship from the list.")]
    public Relationship? Relationship { get; set; }

    [StringLength(MaxLabelLength, ErrorMessage = "Keep the name or label under 60 characters.")]
    public string? RelationshipLabel { get; set; }

    [EnumDataType(typeof(Noticed), ErrorMessage = "Choose when you noticed from the list.")]
    public Noticed? Noticed { get; set; }

    [EnumDataType(typeof(NewResponseKind), ErrorMessage = "Choose a new response from the list.")]
    public NewResponseKind? NewResponseKind { get; set; }

    [Range(0, Activation.MaxSettledMinutes, ErrorMessage = "Minutes to settle must be between 0 and 10080 (a week).")]
    public int? SettledMinutes { get; set; }

    [StringLength(MaxNoteLength, ErrorMessage = "Keep the note under 4000 characters.")]
    public string? Note { get; set; }

    // Set by the page's script when it sends a moment (ADR 0023): the id the device gave it, so a second
    // delivery adds nothing, and how many seconds ago it was saved on the device, counted on the device's own
    // clock when it is sent. That age is the moment's time when When was not touched (a moment kept offline
    // arrives later than it happened), and unlike a time of day it is right however wrong the phone's clock is.
    public Guid? ClientId { get; set; }

    public long? SavedSecondsAgo { get; set; }

    /// <summary>A moment kept on a device for longer than this is refused, as a typed time that old is.</summary>
    public static readonly TimeSpan LongestKept = TimeSpan.FromDays(5 * 365);

    /// <summary>The instant a new moment happened when its When was left alone: now less SavedSecondsAgo if given and sane, else now; null (with an error) if not.</summary>
    public DateTimeOffset? Untouched(ModelStateDictionary state, DateTimeOffset now)
    {
        if (SavedSecondsAgo is not { } ago) return now;
        // A clock set back between saving and sending gives a small negative age: that is "just now".
        if (ago < -300) state.AddModelError("Input.SavedSecondsAgo", "This moment's age on your device could not be read: it came out as a time that has not happened yet.");
        else if (ago > LongestKept.TotalSeconds) state.AddModelError("Input.SavedSecondsAgo", "This moment was kept on your device for more than five years; enter it again with its date.");
        else return now.AddSeconds(-Math.Max(0, ago));
        return null;
    }

    // What the "When" field showed when the page was drawn. A When still equal to it was not touched:
    // on a new entry that means the moment of saving (not of loading the page), on an edit the time
    // the entry already has.
    [StringLength(40)]
    public string? WhenShown { get; set; }

    // The one check model binding cannot make: a time that has happened, read in the person's zone.
    public DateTimeOffset? Validate(ModelStateDictionary state, DateTimeZone zone, DateTimeOffset now, DateTimeOffset untouched)
    {
        if (string.IsNullOrWhiteSpace(When) || When == WhenShown) return untouched;
        if (!DateTime.TryParseExact(When, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            state.AddModelError("Input.When", "Enter the date and time as shown, e.g. 2026-03-01 18:30.");
            return null;
        }
        // Years far from now are refused before any conversion: at the ends of the calendar a zone's
        // offset can carry the instant past the range that NodaTime and DateTimeOffset can hold.
        if (local.Year > now.Year + 1)
        {
            state.AddModelError("Input.When", "That time has not happened yet.");
            return null;
        }
        if (local.Year < now.Year - 6)
        {
            state.AddModelError("Input.When", "That is more than five years ago; enter a recent moment.");
            return null;
        }
        var instant = LocalTimes.ToInstant(local, zone);
        if (instant > Instant.FromDateTimeOffset(now.AddMinutes(5))) state.AddModelError("Input.When", "That time has not happened yet.");
        else if (instant < Instant.FromDateTimeOffset(now.AddYears(-5))) state.AddModelError("Input.When", "That is more than five years ago; enter a recent moment.");
        else return instant.ToDateTimeOffset();
        return null;
    }
}
