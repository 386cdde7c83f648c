using System.Text.RegularExpressions;
using SecureBase.Web.Features.Sharing;

namespace SecureBase.Web.Tests.Sharing;

// Every kind of thing a page audits reading must have its own words on the client's "Who looked" page: a
// kind without them showed as "saw your data" (the Measures page did). Found in the source, so a new page
// that audits a new kind fails here until it says what was seen.
public sealed partial class AccessLogWordsTests
{
    // The therapist's own records (event notes, acknowledgements) are not the client's data and not on that page.
    [GeneratedRegex("(?:GuardAsync\\(clientId|new ClinicalResource\\([^,]+,[^,]+|new ClinicalBatch\\([^;]*?),\\s*\"([A-Za-z ]+)\"")]
    private static partial Regex AuditedKind();

    static DirectoryInfo WebSource()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, "src", "SecureBase.Web", "Features"))) return new DirectoryInfo(Path.Combine(dir.FullName, "src", "SecureBase.Web", "Features"));
        throw new DirectoryNotFoundException("src/SecureBase.Web/Features not found above the test binaries");
    }

    [Fact]
    public void EveryAuditedKindIsDescribedInWords()
    {
        var kinds = WebSource().EnumerateFiles("*.cs", SearchOption.AllDirectories)
            .SelectMany(f => AuditedKind().Matches(File.ReadAllText(f.FullName)).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("Measures", kinds);   // the pattern finds the page guards
        Assert.Contains("Caseload summary", kinds);   // and the batches
        Assert.DoesNotContain(kinds, k => AccessLogModel.Describe(k, "Scores") == "your data");
        // And on the practice's audit page, in words rather than the stored name.
        Assert.DoesNotContain(kinds.Concat(["EventNote", "FlagAcknowledgement"]), k => SecureBase.Web.Features.Practice.AuditWords.Kind(k) == k);
    }
}
