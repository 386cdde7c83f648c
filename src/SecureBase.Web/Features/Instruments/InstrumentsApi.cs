using Microsoft.AspNetCore.Http.HttpResults;
using SecureBase.Core.Instruments;
using SecureBase.Data.Instruments;

namespace SecureBase.Web.Features.Instruments;

public static class InstrumentsApi
{
    public static RouteGroupBuilder MapInstrumentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/instruments");
        group.MapGet("/", List);
        group.MapGet("/{id}", Get);
        // Anonymous, so bounded: a body of at most 64 KB and as many answers as the pack has items.
        group.MapPost("/{id}/score", Score).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes));
        return group;
    }

    const long MaxBodyBytes = 64 * 1024;

    static Ok<List<InstrumentSummaryDto>> List(InstrumentCatalog catalog) =>
        TypedResults.Ok(catalog.All.Select(InstrumentSummaryDto.From).ToList());

    static Results<Ok<InstrumentPack>, ProblemHttpResult> Get(string id, InstrumentCatalog catalog) =>
        catalog.Find(id) is { } pack ? TypedResults.Ok(pack) : UnknownInstrument(id);

    static ProblemHttpResult UnknownInstrument(string id) =>
        TypedResults.Problem(title: "Unknown instrument", statusCode: StatusCodes.Status404NotFound,
            detail: $"There is no instrument '{(id.Length <= 64 ? id : id[..64] + "…")}'.");

    // Scores answers without storing them: a stateless calculator, also the contract the pages use.
    static Results<Ok<InstrumentScore>, ProblemHttpResult, ValidationProblem> Score(
        string id, ScoreRequest request, InstrumentCatalog catalog)
    {
        if (catalog.Find(id) is not { } pack) return UnknownInstrument(id);
        if (request.Answers is null) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["answers"] = ["Answers are required."] });
        if (request.Answers.Count > pack.Items.Count)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["answers"] = [$"{pack.ShortTitle} has {pack.Items.Count} items; {request.Answers.Count} answers were sent."] });

        var result = Scoring.Score(pack, new AnswerSheet(pack.Id, request.Answers));
        return result.Score is { } score
            ? TypedResults.Ok(score)
            : TypedResults.ValidationProblem(result.Errors
                .GroupBy(e => e is ValueOutOfRange v ? v.ItemId : e is UnknownItem u ? u.ItemId : "answers")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
    }
}

public sealed record ScoreRequest(Dictionary<string, int>? Answers);

public sealed record InstrumentSummaryDto(string Id, string Version, string Title, string ShortTitle, int ItemCount, string Notice)
{
    public static InstrumentSummaryDto From(InstrumentPack p) => new(p.Id, p.Version, p.Title, p.ShortTitle, p.Items.Count, p.Notice);
}
