using NodaTime;
using SecureBase.Core.Time;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Email;
using SecureBase.Web.Features.Security;

namespace SecureBase.Web.Features.Scheduling;

// Every outcome of a request is told to the person who made it. Subject lines name neither the
// practice's clients nor anything clinical; bodies carry times (in the visitor's own zone, named) and links.
public sealed class BookingMail(IOutbox outbox, PublicUrls urls, ILogger<BookingMail> log)
{
    static string When(BookingRequest request) =>
        Show.When(Instant.FromDateTimeOffset(request.Start), Zones.Find(request.VisitorTimeZoneId));

    public Task ConfirmLinkAsync(BookingRequest request, string practiceName, string therapistName, string token, CancellationToken ct) =>
        SendAsync(request.Email, "Please confirm your request",
            $"You asked {therapistName} at {practiceName} for a session on {When(request)}.\n\n" +
            $"Open this link to confirm the request; only then is the time held for you:\n{urls.To($"/book/confirm?token={token}")}\n\n" +
            "If you did not ask for this, ignore this email and nothing will happen.\n", ct);

    public Task ApprovedAsync(BookingRequest request, string therapistName, DateTimeZone therapistZone, bool weekly, CalendarInvite? invite, CancellationToken ct) =>
        SendAsync(request.Email, "Your request was accepted",
            (weekly
                ? $"{therapistName} accepted your request: a standing weekly session, from {When(request)}, every week at " +
                  $"{Show.Time(Instant.FromDateTimeOffset(request.Start), therapistZone)} on {therapistName}'s clock ({therapistZone.Id}).\n" +
                  (therapistZone.Id == Zones.Find(request.VisitorTimeZoneId).Id ? "\n" : "When either of your clocks changes for summer time, the time for you may move by an hour; your sessions page always shows it in your zone.\n\n")
                : $"{therapistName} accepted your request: a session on {When(request)}.\n\n") +
            (request.HopesWeekly && !weekly ? "You hoped for a weekly time; this is a single session for now.\n\n" : "") +
            $"Sign in to see your sessions: {urls.To("/Sessions")}\n" +
            "If you have no account here yet, a separate email invites you to create one.\n" +
            (invite is null ? "" : "\nThe attached invitation adds it to your calendar.\n"), ct, invite is null ? null : [invite]);

    public Task DeclinedAsync(BookingRequest request, string therapistName, CancellationToken ct) =>
        SendAsync(request.Email, "About your request",
            $"{therapistName} cannot offer you the session on {When(request)}.\n\n" +
            (string.IsNullOrWhiteSpace(request.AnswerMessage) ? "" : $"Their message:\n{request.AnswerMessage}\n\n") +
            "The time is no longer held for you.\n", ct);

    public Task ExpiredAsync(BookingRequest request, string therapistName, CancellationToken ct) =>
        SendAsync(request.Email, "About your request",
            $"{therapistName} has not answered your request for {When(request)} in time, so the time is no longer held for you.\n\n" +
            "You are welcome to ask for another time.\n", ct);

    // A session moved (to the new time) or cancelled, told to the other person. Subjects name nobody.
    public Task SessionChangedAsync(string to, string subject, string byWhom, string when, string? movedTo, string? reason, CalendarInvite? invite, CancellationToken ct) =>
        SendAsync(to, subject,
            (movedTo is null ? $"{byWhom} cancelled the session of {when}." : $"{byWhom} moved the session of {when} to {movedTo}.") +
            (string.IsNullOrWhiteSpace(reason) ? "" : $"\n\nTheir note: {reason}") +
            "\n\nOnly this session changed; any others stay as they were.\n" +
            $"See your sessions: {urls.To("/Sessions")}\n", ct, invite is null ? null : [invite]);

    public Task SeriesChangedAsync(string to, string therapistName, string text, IReadOnlyList<CalendarInvite> invites, CancellationToken ct) =>
        SendAsync(to, "Your weekly session has changed", $"{therapistName} changed your weekly session.\n\n{text}\n\nSee your sessions: {urls.To("/Sessions")}\n", ct, invites);


    public Task BreakAsync(string to, string therapistName, IReadOnlyList<string> sessions, string reason, IReadOnlyList<CalendarInvite> invites, CancellationToken ct) =>
        SendAsync(to, "Your sessions during a break",
            $"{therapistName} will be away ({reason}), so these sessions will not take place:\n\n" + string.Join("\n", sessions.Select(s => "- " + s)) +
            $"\n\nYour other sessions stay as they were: {urls.To("/Sessions")}\n", ct, invites);

    public Task NewRequestAsync(string therapistEmail, CancellationToken ct) =>
        SendAsync(therapistEmail, "A new session request is waiting",
            $"Someone asked for a session through your booking page and confirmed their email.\n\nAnswer it here: {urls.To("/Schedule/Requests")}\n", ct);

    async Task SendAsync(string to, string subject, string body, CancellationToken ct, IReadOnlyList<CalendarInvite>? invites = null)
    {
        try
        {
            await outbox.SendAsync(to, subject, body, ct, invites);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError("A booking email could not be sent: {Error}", e.GetType().Name);
        }
    }
}
