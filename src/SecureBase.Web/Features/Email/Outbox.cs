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
    Task SendAsync(string recipient, string subject, string body, CancellationToken ct);

    // Removes whatever this outbox still keeps for a recipient whose account was deleted.
    Task ForgetAsync(string recipient, CancellationToken ct);
}

public static class EmailServices
{
    public static IServiceCollection AddSecureBaseEmail(this IServiceCollection services, IConfiguration configuration)
    {
        var from = MailboxAddress.Parse(configuration["Email:From"] ?? "SecureBase <no-reply@localhost>");
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

    internal static MimeMessage Message(MailboxAddress from, string to, string subject, string body)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = body } };
        message.From.Add(from);
        message.To.Add(EmailAddresses.Parse(to));
        return message;
    }
}

public sealed class SmtpOutbox(MailboxAddress from, string host, int port, SecureSocketOptions security, string? user, string? password) : IOutbox
{
    public async Task SendAsync(string recipient, string subject, string body, CancellationToken ct)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(host, port, security, ct);
        if (!string.IsNullOrEmpty(user)) await client.AuthenticateAsync(user, password ?? "", ct);
        await client.SendAsync(EmailServices.Message(from, recipient, subject, body), ct);
        await client.DisconnectAsync(quit: true, ct);
    }

    public Task ForgetAsync(string recipient, CancellationToken ct) => Task.CompletedTask;   // sent mail is kept nowhere here
}

public sealed class FileOutbox(MailboxAddress from, string folder) : IOutbox
{
    public async Task SendAsync(string recipient, string subject, string body, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{DateTimeOffset.UtcNow:yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}.eml");
        await EmailServices.Message(from, recipient, subject, body).WriteToAsync(path, ct);
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
