using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace SecureBase.Web.Features.Forms;

// Text one person types for another to read (a visitor's name, a message, a reason) may not carry
// control characters or the invisible direction marks that make "Sam" display as someone else
// (Unicode TR36 §2.3 bidirectional spoofing). Line breaks are allowed where a message may have them.
public static class PlainText
{
    public static bool IsPlain(string? text, bool allowLineBreaks) =>
        text is null || text.All(c => !(char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'))
            && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format);
}

[AttributeUsage(AttributeTargets.Property)]
public sealed class PlainTextAttribute(bool allowLineBreaks = false) : ValidationAttribute("Use letters, digits, spaces and punctuation only.")
{
    public override bool IsValid(object? value) => PlainText.IsPlain(value as string, allowLineBreaks);
}
