using System.Text.Json;
using nietras.SeparatedValues;

namespace SecureBase.Web.Tests;

// Exports hold everything a person gave, in their own clock as well as UTC, and no CSV cell that a
// spreadsheet would run as a formula.
public class ExportContentTests(SecureBaseApp app) : IClassFixture<SecureBaseApp>
{
    static CancellationToken Ct => TestContext.Current.CancellationToken;

    static readonly string[] FormulaStarts = ["=", "+", "-", "@", "\t", "\r"];

    static async Task<List<Dictionary<string, string>>> CsvAsync(Visitor visitor, string kind)
    {
        var text = await visitor.Client.GetStringAsync($"/MyData?handler=Csv&kind={kind}", Ct);
        using var reader = Sep.New(',').Reader(o => o with { Unescape = true }).FromText(text);
        var rows = new List<Dictionary<string, string>>();
        var names = reader.Header.ColNames;
        foreach (var row in reader)
        {
            var values = new Dictionary<string, string>();
            foreach (var name in names) values[name] = row[name].ToString();
            rows.Add(values);
        }
        return rows;
    }

    [Fact]
    public async Task NoCellOfAnyCsvStartsAFormula()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync();
        foreach (var start in FormulaStarts)
        {
            var text = start + "HYPERLINK(\"http://x\",\"y\")";
            await visitor.PostAsync("/Log", ("Input.Pull", "Away"), ("Input.Intensity", "3"), ("Input.Response", "RanOldPattern"), ("Input.RelationshipLabel", start + "label"), ("Input.Note", text));
            await visitor.PostAsync("/Expectations", "/Expectations?handler=Before", ("Before.Relationship", "Friend"), ("Before.RelationshipLabel", start + "label"), ("Before.Plan", text), ("Before.ExpectedCarePercent", "40"));
            await visitor.PostAsync("/Expectations", "/Expectations?handler=Corrective", ("Corrective.Kind", "RepairAfterConflict"), ("Corrective.Relationship", "Friend"), ("Corrective.Feeling", text));
            await visitor.PostAsync("/Questionnaires", "/Questionnaires?handler=Start", ("instrument", "ecr-rs"), ("target", "other"), ("targetName", start + "Sam"));
        }
        var cells = new List<string>();
        foreach (var kind in new[] { "questionnaires", "answers", "activations", "expectations" })
            foreach (var row in await CsvAsync(visitor, kind)) cells.AddRange(row.Values);
        Assert.True(cells.Count(c => c.StartsWith('\'')) >= 6 * 4, "the canaries reached the CSVs");
        Assert.DoesNotContain(cells, c => FormulaStarts.Any(s => c.StartsWith(s, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheQuestionnaireExportNamesThePersonCountsAnswersFlagsProratingAndGivesLocalTimes()
    {
        var visitor = new Visitor(app);
        await visitor.SignUpAsync(timeZone: "Asia/Kolkata");
        await QuestionnaireTests.CompleteEcrRAsync(visitor, i => i == 1 ? null : 4);
        var rows = await CsvAsync(visitor, "questionnaires");
        var anxiety = rows.Single(r => r["scale"] == "anxiety");
        Assert.Equal(("17", "18", "yes"), (anxiety["answered"], anxiety["items"], anxiety["prorated"]));
        Assert.Equal(("18", "no"), (rows.Single(r => r["scale"] == "avoidance")["answered"], rows.Single(r => r["scale"] == "avoidance")["prorated"]));
        Assert.EndsWith("+05:30", anxiety["completed_at_local"], StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.Parse(anxiety["completed_at"], System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(anxiety["completed_at_local"], System.Globalization.CultureInfo.InvariantCulture));

        var json = JsonDocument.Parse(await visitor.Client.GetStringAsync("/MyData?handler=Json", Ct)).RootElement;
        var score = json.GetProperty("questionnaires")[0].GetProperty("scores").EnumerateArray().First(s => s.GetProperty("scale").GetString() == "anxiety");
        Assert.True(score.GetProperty("prorated").GetBoolean());
        Assert.Equal(17, score.GetProperty("answered").GetInt32());
    }
}
