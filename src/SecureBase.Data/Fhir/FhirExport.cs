using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Instruments;
using SecureBase.Data.Instruments;

namespace SecureBase.Data.Fhir;

/// <summary>
/// Questionnaire data as one FHIR R4 Bundle (type collection), built with Firely's Hl7.Fhir.R4 (issue 12):
/// a <c>Questionnaire</c> per instrument pack (items linked by the pack's stable item ids), a <c>CodeSystem</c>
/// of SecureBase's score codes (no verified LOINC codes exist for the ECR-R, ECR-RS or RQ scales), and per
/// person a <c>Patient</c> (their internal id only), a <c>QuestionnaireResponse</c> per administration and an
/// <c>Observation</c> per subscale or composite score, <c>derivedFrom</c> its response. Entries are addressed
/// by <c>urn:uuid:</c>. Left out: free text (notes, the names of "other" people), which is encrypted and
/// stays with the person's own export.
/// </summary>
public static class FhirExport
{
    public const string Canonical = "urn:securebase:fhir";
    public const string ScoreSystem = Canonical + ":CodeSystem:scores";
    public const string TargetExtension = Canonical + ":StructureDefinition:relationship-target";
    public const string PersonSystem = Canonical + ":person";

    /// <summary>Every person's administrations, or only <paramref name="onlyUserId"/>'s. Times are UTC.</summary>
    public static async Task<Bundle> BuildAsync(AppDbContext db, InstrumentCatalog catalog, string? onlyUserId, DateTimeOffset now, CancellationToken ct)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = now, Id = Guid.NewGuid().ToString() };
        var packs = catalog.All;
        bundle.Entry.Add(Entry(ScoreCodes(packs)));
        foreach (var pack in packs) bundle.Entry.Add(Entry(QuestionnaireOf(pack)));

        // Every administration in one query (not one per person), grouped by person in memory.
        var administrations = (await db.Administrations.AsNoTracking().Include(a => a.Responses).Include(a => a.Scores)
            .Where(a => onlyUserId == null || a.SubjectId == onlyUserId).OrderBy(a => a.StartedAt).ToListAsync(ct)).ToLookup(a => a.SubjectId);
        var people = onlyUserId is null
            ? administrations.Select(g => g.Key).Order(StringComparer.Ordinal).ToList()
            : await db.Users.AsNoTracking().Where(u => u.Id == onlyUserId).Select(u => u.Id).ToListAsync(ct);
        foreach (var person in people)
        {
            var patient = new Patient { Id = UuidOf("person", person), Identifier = [new Identifier(PersonSystem, person)] };
            bundle.Entry.Add(Entry(patient));
            foreach (var administration in administrations[person])
            {
                var response = ResponseOf(administration, catalog.Find(administration.InstrumentId), patient);
                bundle.Entry.Add(Entry(response));
                if (administration.CompletedAt is null) continue;
                foreach (var score in administration.Scores.Where(s => s.Value is not null).OrderBy(s => s.IsComposite).ThenBy(s => s.ScaleId, StringComparer.Ordinal))
                    bundle.Entry.Add(Entry(ObservationOf(administration, score, catalog.Find(administration.InstrumentId), patient, response)));
            }
        }
        return bundle;
    }

    public static string CodeOf(string instrumentId, string scaleId) => $"{instrumentId}.{scaleId}";

    public static string QuestionnaireUrl(string instrumentId) => $"{Canonical}:Questionnaire:{instrumentId}";

    static CodeSystem ScoreCodes(IEnumerable<InstrumentPack> packs) => new()
    {
        Id = UuidOf("codesystem", "scores"), Url = ScoreSystem, Name = "SecureBaseScores", Title = "SecureBase questionnaire scores",
        Status = PublicationStatus.Active, Content = CodeSystemContentMode.Complete, CaseSensitive = true,
        Description = "Subscale and composite scores of the questionnaires SecureBase ships, one code per instrument and scale. " +
                      "Local codes: no verified LOINC codes exist for these scales.",
        Concept = packs.SelectMany(p => p.Subscales.Select(s => (p, Id: s.Id, s.Name)).Concat(p.Composites.Select(c => (p, Id: c.Id, c.Name))))
            .Select(x => new CodeSystem.ConceptDefinitionComponent { Code = CodeOf(x.p.Id, x.Id), Display = $"{x.p.ShortTitle} {x.Name}" }).ToList(),
    };

    static Questionnaire QuestionnaireOf(InstrumentPack pack) => new()
    {
        Id = UuidOf("questionnaire", pack.Id), Url = QuestionnaireUrl(pack.Id), Version = pack.Version,
        Name = new string(pack.ShortTitle.Where(char.IsLetterOrDigit).ToArray()), Title = pack.Title, Status = PublicationStatus.Active,
        Description = pack.Instructions, Copyright = pack.Notice,
        Item = pack.Items.OrderBy(i => i.Number).Select(i => new Questionnaire.ItemComponent
        {
            LinkId = i.Id, Prefix = i.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), Text = i.Text,
            Type = Questionnaire.QuestionnaireItemType.Integer, Required = false,
            Extension =
            [
                new Extension("http://hl7.org/fhir/StructureDefinition/minValue", new Integer(pack.Scale.Min)),
                new Extension("http://hl7.org/fhir/StructureDefinition/maxValue", new Integer(pack.Scale.Max)),
            ],
        }).ToList(),
    };

    static QuestionnaireResponse ResponseOf(Model.Administration administration, InstrumentPack? pack, Patient patient)
    {
        var response = new QuestionnaireResponse
        {
            Id = administration.Id.ToString(),
            Questionnaire = $"{QuestionnaireUrl(administration.InstrumentId)}|{administration.InstrumentVersion}",
            Status = administration.CompletedAt is null ? QuestionnaireResponse.QuestionnaireResponseStatus.InProgress : QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
            Subject = new ResourceReference($"urn:uuid:{patient.Id}"),
            Authored = (administration.CompletedAt ?? administration.StartedAt).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            Item = administration.Responses.OrderBy(r => pack?.FindItem(r.ItemId)?.Number ?? int.MaxValue).ThenBy(r => r.ItemId, StringComparer.Ordinal)
                .Select(r => new QuestionnaireResponse.ItemComponent
                {
                    LinkId = r.ItemId, Text = pack?.FindItem(r.ItemId)?.Text,
                    Answer = [new QuestionnaireResponse.AnswerComponent { Value = new Integer(r.Value) }],
                }).ToList(),
        };
        if (Target(administration) is { } target) response.Extension.Add(target);
        return response;
    }

    static Observation ObservationOf(Model.Administration administration, Model.ScoreValue score, InstrumentPack? pack, Patient patient, QuestionnaireResponse response)
    {
        var name = pack?.FindSubscale(score.ScaleId)?.Name ?? pack?.Composites.FirstOrDefault(c => c.Id == score.ScaleId)?.Name ?? score.ScaleId;
        var observation = new Observation
        {
            Id = UuidOf("observation", $"{administration.Id:N}/{score.ScaleId}"),
            Status = ObservationStatus.Final,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "survey", "Survey")],
            Code = new CodeableConcept(ScoreSystem, CodeOf(administration.InstrumentId, score.ScaleId), $"{pack?.ShortTitle ?? administration.InstrumentId} {name}"),
            Subject = new ResourceReference($"urn:uuid:{patient.Id}"),
            Effective = new FhirDateTime(administration.CompletedAt!.Value.ToUniversalTime()),
            Value = new Quantity { Value = (decimal)Math.Round(score.Value!.Value, 6), Unit = "score", System = "http://unitsofmeasure.org", Code = "{score}" },
            DerivedFrom = [new ResourceReference($"urn:uuid:{response.Id}")],
        };
        if (!score.IsComposite && score.ItemCount > 0)
            observation.Note.Add(new Annotation { Text = new Markdown($"{score.Answered} of {score.ItemCount} items answered.") });
        if (Target(administration) is { } target) observation.Extension.Add(target);
        return observation;
    }

    // Whom an ECR-RS is about (partner, therapist, …); a named "other" person stays "other", never their name.
    static Extension? Target(Model.Administration administration) =>
        administration.TargetId is { } target ? new Extension(TargetExtension, new Code(target)) : null;

    static Bundle.EntryComponent Entry(Resource resource) => new() { FullUrl = $"urn:uuid:{resource.Id}", Resource = resource };

    // A stable UUID from a kind and a key (version-5-like, from SHA-256), so re-exports name resources the same.
    static string UuidOf(string kind, string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"securebase:{kind}:{key}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }
}
