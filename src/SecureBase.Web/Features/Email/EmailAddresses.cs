using System.ComponentModel.DataAnnotations;
using MimeKit;

namespace SecureBase.Web.Features.Email;

// One rule for every email address that comes in (sign-up, password reset, later invitations): the
// mailer's own parser in its strict RFC 5322 mode, so an address accepted here can always be mailed
// (pat.o'brien@example.com and a&b@example.com are fine; first..last@example.com and x@example..com are not).
public static class EmailAddresses
{
    public static readonly ParserOptions Parser = new()
    {
        AddressParserComplianceMode = RfcComplianceMode.Strict,
        AllowAddressesWithoutDomain = false,
        AllowUnquotedCommasInAddresses = false,
    };

    // A bare address (no display name, no group, one '@' and a dotted domain), trimmed; null when it is not one.
    public static string? Normalize(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > 254) return null;
        if (!MailboxAddress.TryParse(Parser, trimmed, out var mailbox) || mailbox.Address != trimmed || !string.IsNullOrEmpty(mailbox.Name)) return null;
        var at = trimmed.LastIndexOf('@');
        var domain = trimmed[(at + 1)..];
        return at > 0 && domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.') ? trimmed : null;
    }

    public static MailboxAddress Parse(string address) =>
        Normalize(address) is { } valid ? MailboxAddress.Parse(Parser, valid)
            : throw new FormatException("The recipient is not a valid email address.");
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class MailAddressAttribute : ValidationAttribute
{
    public MailAddressAttribute() : base("Enter a valid email address, such as name@example.org.") { }

    public override bool IsValid(object? value) => value is null || EmailAddresses.Normalize(value as string) is not null;
}
