using System.Globalization;
using nietras.SeparatedValues;
using SecureBase.Core.Export;

namespace SecureBase.Web.Features.MyData;

// One CSV per kind of data, from the same export document as the JSON.
public static class MyDataCsv
{
    public static readonly IReadOnlyList<string> Kinds = ["questionnaires", "answers", "activations", "expectations"];

    public static string? Write(ExportDocument export, string kind)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var writer = Sep.New(',').Writer(o => o with { Escape = true, CultureInfo = CultureInfo.InvariantCulture }).To(text))
        {
            switch (kind)
            {
                case "questionnaires":
                    foreach (var a in export.Questionnaires)
                        foreach (var s in a.Scores)
                            Row(writer, ("administration", a.Id.ToString()), ("instrument", a.Instrument), ("version", a.InstrumentVersion), ("relationship", a.Relationship),
                                ("relationship_name", a.RelationshipName), ("completed_at", a.CompletedAt?.ToString("O", CultureInfo.InvariantCulture)),
                                ("completed_at_local", a.CompletedAtLocal), ("scale", s.Scale), ("score", s.Value?.ToString("0.######", CultureInfo.InvariantCulture)),
                                ("answered", s.Answered?.ToString(CultureInfo.InvariantCulture)), ("items", s.Items?.ToString(CultureInfo.InvariantCulture)),
                                ("prorated", s.Items is null ? "" : s.Prorated ? "yes" : "no"));
                    break;
                case "answers":
                    foreach (var a in export.Questionnaires)
                        foreach (var (item, value) in a.Answers)
                            Row(writer, ("administration", a.Id.ToString()), ("instrument", a.Instrument), ("item", item), ("answer", value.ToString(CultureInfo.InvariantCulture)));
                    break;
                case "activations":
                    foreach (var e in export.ActivationLog)
                        Row(writer, ("id", e.Id.ToString()), ("occurred_at", e.OccurredAt.ToString("O", CultureInfo.InvariantCulture)), ("occurred_at_local", e.OccurredAtLocal), ("relationship", e.Relationship),
                            ("relationship_label", e.RelationshipLabel), ("pull", e.Pull), ("intensity", e.Intensity.ToString(CultureInfo.InvariantCulture)),
                            ("noticed", e.Noticed), ("response", e.Response), ("new_response", e.NewResponse),
                            ("settled_minutes", e.SettledMinutes?.ToString(CultureInfo.InvariantCulture)), ("note", e.Note));
                    break;
                case "expectations":
                    foreach (var e in export.Expectations)
                        Row(writer, ("id", e.Id.ToString()), ("recorded_at", e.RecordedAt.ToString("O", CultureInfo.InvariantCulture)), ("recorded_at_local", e.RecordedAtLocal), ("relationship", e.Relationship),
                            ("relationship_label", e.RelationshipLabel), ("plan", e.Plan), ("expected_care_percent", e.ExpectedCarePercent?.ToString(CultureInfo.InvariantCulture)),
                            ("corrective_kind", e.CorrectiveKind), ("outcome", e.Outcome), ("outcome_at", e.OutcomeAt?.ToString("O", CultureInfo.InvariantCulture)), ("outcome_at_local", e.OutcomeAtLocal), ("feeling", e.Feeling));
                    break;
                default:
                    return null;
            }
        }
        return text.ToString();
    }

    static void Row(SepWriter writer, params (string Name, string? Value)[] columns)
    {
        using var row = writer.NewRow();
        foreach (var (name, value) in columns) row[name].Set(SpreadsheetSafe.Cell(value));   // every cell, so no column is forgotten
    }
}
