using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecureBase.Core.Instruments;
using SecureBase.Core.Statistics;
using SecureBase.Data;
using SecureBase.Data.Instruments;
using SecureBase.Data.Model;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Charts;
using SecureBase.Web.Features.Encryption;

namespace SecureBase.Web.Features.Questionnaires;

public sealed record ChangeRow(string Label, Administration From, ReliableChangeResult Result);

public sealed class ResultModel(AppDbContext db, InstrumentCatalog catalog, TimeProvider clock, PersonalText text, ChartCache charts, UserManager<AppUser> users, SecureBase.Web.Features.Authorization.ClinicalAccess access, LocalNormSets localNorms) : PageModel
{
    public InstrumentPack Pack { get; private set; } = null!;
    public Administration Administration { get; private set; } = null!;
    public IReadOnlyList<Administration> History { get; private set; } = [];
    public PlanePoint? Point { get; private set; }
    public string? PlaneSvg { get; private set; }
    public IReadOnlyList<ChangeRow> Changes { get; private set; } = [];
    public NormSet? Norms { get; private set; }
    public string? TargetLabel { get; private set; }
    public NodaTime.DateTimeZone Zone { get; private set; } = NodaTime.DateTimeZone.Utc;

    public ScoreValue? Score(string scaleId) => Administration.Scores.FirstOrDefault(s => s.ScaleId == scaleId);

    // Deletes a finished sitting taken by mistake (asked first on the page); only its owner, by the access rule.
    public async Task<IActionResult> OnPostDeleteAsync(Guid id)
    {
        var administration = await Administrations.FindForOwnPageAsync(db, access, User, id, SecureBase.Core.Sharing.ConsentScope.Scores, HttpContext.RequestAborted,
            SecureBase.Web.Features.Authorization.ClinicalOperation.ForOwnPage(Request.Method));
        if (administration?.CompletedAt is null) return NotFound();
        return await db.DeleteForGoodAsync(administration, HttpContext.RequestAborted) ? Redirect("/Questionnaires?discarded=true") : NotFound();
    }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var administration = await Administrations.FindForOwnPageAsync(db, access, User, id, SecureBase.Core.Sharing.ConsentScope.Scores, ct);
        if (administration?.CompletedAt is null || catalog.Find(administration.InstrumentId) is not { } pack) return NotFound();
        (Administration, Pack) = (administration, pack);
        TargetLabel = await Administrations.TargetAsync(text, pack, administration, ct);
        Zone = await TimeZones.OfAsync(users, User);

        History = await db.Administrations.OwnedBy(User.Id()).AsNoTracking().Include(a => a.Scores)
            .Where(a => a.InstrumentId == pack.Id && a.TargetId == administration.TargetId && a.CompletedAt != null)
            .ToListAsync(ct);
        var track = (await Administrations.TracksAsync(text, [administration], ct)).Single().Key;
        History = (await Administrations.TracksAsync(text, History.Where(a => a.CompletedAt <= administration.CompletedAt), ct))[track]
            .OrderBy(a => a.CompletedAt).ToList();

        if (pack.Plane is { } axes)
        {
            var path = Administrations.PlanePath(History, axes);
            if (Score(axes.AnxietySubscaleId)?.Value is { } anx && Score(axes.AvoidanceSubscaleId)?.Value is { } avo)
                Point = Plane.Place(anx, avo, Plane.Midpoint(pack.Scale), boundaryMargin: 0.25);
            // Without a point of its own, this sitting highlights no dot: the last earlier one is not this one.
            PlaneSvg = Point is not null || path.Count > 0 ? charts.Plane(path, pack.Scale.Min, pack.Scale.Max, highlightLast: Point is not null) : null;
            Norms = await localNorms.ForAsync(db, pack, administration.TargetId, clock.GetUtcNow(), ct);
            Changes = CompareWith("the first time", History[0]).Concat(History.Count > 2 ? CompareWith("the previous time", History[^2]) : []).ToList();
        }
        return Page();
    }

    IEnumerable<ChangeRow> CompareWith(string label, Administration earlier) =>
        earlier.Id == Administration.Id ? [] : Pack.Subscales.Select(s => new ChangeRow(label, earlier,
            ReliableChange.Compare(s.Id, s.Better, earlier.ScoreOf(s.Id), Administration.ScoreOf(s.Id), Norms)));
}
