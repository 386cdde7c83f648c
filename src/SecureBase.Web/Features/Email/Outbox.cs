using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using SecureBase.Data;

namespace SecureBase.Web.Features.Email;

// Outgoing email. A true outside seam, so an interface: SMTP through MailKit when a server is
// configured, otherwise .eml files in the data folder that an operator can open. No email ever
// carries clinical content; senders write only account messages with a link.
public interface IOutbox
{
    // Invites, when given, travel as text/calendar parts (iMIP, RFC 6047) after the plain text.
    Task SendAsync(string recipient, string subject, string body, CancellationToken ct, IReadOnlyList<CalendarInvite>? invites = null);

    // Removes whatever this outbox still keeps for a recipient whose account was deleted.
    Task ForgetAsync(string recipient, CancellationToken ct);
}

// An iTIP message (RFC 5546) to attach: its METHOD (REQUEST, CANCEL) and the iCalendar text.
public sealed record CalendarInvite(string Method, string Text);

public static class EmailServices
{
    public static IServiceCollection AddSecureBaseEmail(this IServiceCollection services, IConfiguration configuration)
    {
        var from = FromAddress(configuration);
        if (configuration["Email:Smtp:Host"] is { Length: > 0 } host)
        {
            var port = int.Parse(configuration["Email:Smtp:Port"] ?? "587", System.Globalization.CultureInfo.InvariantCulture);
            var security = Enum.Parse<SecureSocketOptions>(configuration["Email:Smtp:Security"] ?? "StartTlsWhenAvailable");
            services.AddSingleton<IOutbox>(new SmtpOutbox(from, host, port, security, configuration["Email:Smtp:User"], configuration["Email:Smtp:Password"]));
        }
        else
        {
            services.AddSingleton<IOutbox>(new FileOutbox(from, Path.Combine(DataPaths.DataDirectory(configuration), "mail")));
        }
        return services;
    }

    // Who every email is from; also the ORGANIZER of calendar invitations.
    public static MailboxAddress FromAddress(IConfiguration configuration) => MailboxAddress.Parse(configuration["Email:From"] ?? "SecureBase <no-reply@localhost>");

    internal static MimeMessage Message(MailboxAddress from, string to, string subject, string body, IReadOnlyList<CalendarInvite>? invites = null)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = body } };
        if (invites is { Count: > 0 })
        {
            var mixed = new Multipart("mixed") { message.Body };
            foreach (var invite in invites)
            {
                var part = new TextPart("calendar") { Text = invite.Text };
                part.ContentType.Parameters.Add("method", invite.Method);
                part.ContentType.Charset = "utf-8";
                part.ContentType.Name = "invite.ics";
                part.ContentDisposition = new ContentDisposition(ContentDisposition.Attachment) { FileName = "invite.ics" };
                part.ContentTransferEncoding = ContentEncoding.QuotedPrintable;
                mixed.Add(part);
            }
            message.Body = mixed;
        }
        message.From.Add(from);
        message.To.Add(EmailAddresses.Parse(to));
        return message;
    }
}

public sealed class SmtpOutbox(MailboxAddress from, string host, int port, SecureSocketOptions security, string? user, string? password) : IOutbox
{
    public async Task SendAsync(string recipient, string subject, string body, CancellationToken ct, IReadOnlyList<CalendarInvite>? invites = null)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(host, port, security, ct);
        if (!string.IsNullOrEmpty(user)) await client.AuthenticateAsync(user, password ?? "", ct);
        await client.SendAsync(EmailServices.Message(from, recipient, subject, body, invites), ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    public Task ForgetAsync(string recipient, CancellationToken ct) => Task.CompletedTask;   // sent mail is kept nowhere here
}

public sealed class FileOutbox(MailboxAddress from, string folder) : IOutbox
{
    public async Task SendAsync(string recipient, string subject, string body, CancellationToken ct, IReadOnlyList<CalendarInvite>? invites = null)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{DateTimeOffset.UtcNow:yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml");
        await EmailServices.Message(from, recipient, subject, body, invites).WriteToAsync(path, ct);
    }

    public async Task ForgetAsync(string recipient, CancellationToken ct)
    {
        if (!Directory.Exists(folder)) return;
        foreach (var file in Directory.EnumerateFiles(folder, "*.eml"))
        {
            MimeMessage message;
            try
            {
                message = await MimeMessage.LoadAsync(file, ct);
            }
            catch (FormatException)
            {
                continue;
            }
            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, recipient, StringComparison.OrdinalIgnoreCase)))
            {
                message.Dispose();
                File.Delete(file);
            }
        }
    }
}
