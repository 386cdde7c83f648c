using System.Text;
using MimeKit;
using netDumbster.smtp;

namespace SecureBase.Web.Tests;

// Mail as it arrived at a real SMTP test server, read back with MimeKit: the text part decoded from its
// transfer encoding (quoted-printable soft line breaks and escapes anywhere, not only "=3D").
public static class SmtpMail
{
    public static IReadOnlyList<SentMail> Of(SimpleSmtpServer server) => server.ReceivedEmail.Select(Read).ToList();

    static SentMail Read(SmtpMessage received)
    {
        using var raw = new MemoryStream(Encoding.UTF8.GetBytes(received.Data));
        using var message = MimeMessage.Load(raw);
        return SentMail.From(message);
    }
}
