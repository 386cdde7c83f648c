using SecureBase.Core.Scheduling;

namespace SecureBase.Data.Model;

// How one therapist of a practice can be booked, and whether their public page is on. Times are on the
// therapist's clock (TimeZoneId); Core's Availability is built from this row and its hours.
public sealed class BookingProfile
{
    public Guid PracticeId { get; set; }
    public required string TherapistId { get; set; }
    public required string Handle { get; set; }
    public required string DisplayName { get; set; }
    public bool PublicPage { get; set; }
    public required string TimeZoneId { get; set; }
    public int SessionMinutes { get; set; } = 50;
    public int BufferMinutes { get; set; } = 10;
    public int NoticeHours { get; set; } = 24;
    public int HorizonWeeks { get; set; } = 8;
    public int HoldHours { get; set; } = 48;
}

// One working window on one weekday ([From, To) on the therapist's clock), or, with Date set, the hours
// of one date that differs from the week (no window with Date set and From null = a day off).
public sealed class WorkingHours
{
    public Guid Id { get; set; }
    public Guid PracticeId { get; set; }
    public required string TherapistId { get; set; }
    public int? Day { get; set; }            // ISO weekday 1 = Monday … 7 = Sunday, for the weekly pattern
    public DateOnly? Date { get; set; }      // for an exception
    public TimeOnly? From { get; set; }
    public TimeOnly? To { get; set; }
}

public enum RequestState
{
    Unconfirmed,   // the visitor has not yet opened the link in the email; holds nothing
    Held,          // confirmed: the slot is held until HeldUntil or an answer
    Approved,
    Declined,
    Expired,
    Taken,         // confirmed after someone else took the time
}

// A visitor's request for a time from the public page. Only the SHA-256 of the confirmation token is stored.
public sealed class BookingRequest
{
    public Guid Id { get; set; }
    public Guid PracticeId { get; set; }
    public required string TherapistId { get; set; }
    public DateTimeOffset Start { get; set; }
    public DateTimeOffset End { get; set; }
    public bool HopesWeekly { get; set; }
    public required string Name { get; set; }
    public required string Email { get; set; }
    public string? Message { get; set; }
    public required string VisitorTimeZoneId { get; set; }
    public required byte[] TokenHash { get; set; }
    public RequestState State { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    public DateTimeOffset? HeldUntil { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    public string? AnswerMessage { get; set; }
}

// A standing weekly session: one row, not N copies (Core StandingSeries). ClientId is set once the
// person is a client of the therapist; until then the series is theirs by the email of the request.
public sealed class SeriesRow
{
    public Guid Id { get; set; }
    public Guid PracticeId { get; set; }
    public required string TherapistId { get; set; }
    public string? ClientId { get; set; }
    public required string ClientEmail { get; set; }
    public required string ClientName { get; set; }
    public int Day { get; set; }
    public TimeOnly Time { get; set; }
    public int LengthMinutes { get; set; }
    public required string TimeZoneId { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly? Until { get; set; }
    public DateOnly ClaimedThrough { get; set; }   // occurrences up to this date hold claims (rolled forward with the horizon)
    public DateTimeOffset CreatedAt { get; set; }
    public Guid? RequestId { get; set; }

    // Calendars: rises with every change to the series or one of its occurrences (iCalendar SEQUENCE), and when.
    public int Sequence { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}

public enum SessionAttendance
{
    Attended,
    NoShow,
    LateCancellation,
}

// One occurrence of a series that differs from the pattern, keyed by the date it was due: moved,
// cancelled (by whom, why), and/or its attendance once it has passed.
public sealed class OccurrenceChange
{
    public Guid SeriesId { get; set; }
    public DateOnly OriginalDate { get; set; }
    public Guid PracticeId { get; set; }
    public DateOnly? MovedToDate { get; set; }
    public TimeOnly? MovedToTime { get; set; }
    public bool Cancelled { get; set; }
    public ChangedBy? ChangedBy { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
    public SessionAttendance? Attendance { get; set; }
    public DateTimeOffset? AttendanceMarkedAt { get; set; }   // when Attendance was last set: a missed session marked late is news to a flag
}

// A one-off session.
public sealed class OneOffSession
{
    public Guid Id { get; set; }
    public Guid PracticeId { get; set; }
    public required string TherapistId { get; set; }
    public string? ClientId { get; set; }
    public required string ClientEmail { get; set; }
    public required string ClientName { get; set; }
    public DateTimeOffset Start { get; set; }
    public DateTimeOffset End { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
    public ChangedBy? CancelledBy { get; set; }
    public string? Reason { get; set; }
    public SessionAttendance? Attendance { get; set; }
    public DateTimeOffset? AttendanceMarkedAt { get; set; }   // when Attendance was last set
    public Guid? RequestId { get; set; }

    // Calendars: rises with every move or cancellation (iCalendar SEQUENCE), and when.
    public int Sequence { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}

// The database's own guard against double booking: every booking (held request, session, occurrence of a
// series within the horizon) claims each 5-minute cell (UTC minutes since the epoch) of its time plus the
// buffer after it. The key (TherapistId, Minute) makes two overlapping bookings impossible to commit, on
// either provider, whatever the application checked first. Holder names what owns the cell.
public sealed class TimeClaim
{
    public required string TherapistId { get; set; }
    public long Minute { get; set; }
    public Guid PracticeId { get; set; }
    public required string Holder { get; set; }
}

// A person's private calendar feed: only the SHA-256 of its secret token is stored; a new token replaces
// the row, so the old address stops at once.
public sealed class CalendarFeedRow
{
    public required string UserId { get; set; }
    public required byte[] TokenHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    // What the feed held when last served, and when that last changed: Last-Modified never goes back,
    // even when a session is deleted rather than changed.
    public byte[]? ContentHash { get; set; }
    public DateTimeOffset? ContentChangedAt { get; set; }
}

public enum ReminderState
{
    Queued,     // claimed for this (occurrence, start, offset); not yet tried
    Sending,    // an instance is sending it until LeaseUntil; after that another may
    Sent,
    Failed,     // the last try failed; tried again from NextAttemptAt
    GaveUp,     // failed too often, or the session began first
    Obsolete,   // the occurrence moved, was cancelled, or its client asked for no reminders
}

// One reminder of one occurrence at one start instant and one offset: the unique key is the claim, so two
// instances, or one restarted, never own the same reminder. Holds no names and nothing clinical.
public sealed class ReminderDelivery
{
    public Guid Id { get; set; }
    public Guid PracticeId { get; set; }
    public required string TherapistId { get; set; }
    public required string Occurrence { get; set; }     // Holders.Session / Holders.Occurrence of the session
    public DateTimeOffset Start { get; set; }           // the session's start when claimed
    public int OffsetMinutes { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public ReminderState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }              // the mail server's reply, for the delivery log
    public DateTimeOffset CreatedAt { get; set; }
}
