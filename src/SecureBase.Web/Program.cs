using SecureBase.Data;
using SecureBase.Web.Features.Accounts;
using SecureBase.Web.Features.Authorization;
using SecureBase.Web.Features.Calendars;
using SecureBase.Web.Features.Charts;
using SecureBase.Web.Features.Email;
using SecureBase.Web.Features.Encryption;
using SecureBase.Web.Features.Forms;
using SecureBase.Web.Features.Health;
using SecureBase.Web.Features.Hosting;
using SecureBase.Web.Features.Instruments;
using SecureBase.Web.Features.Practice;
using SecureBase.Web.Features.Questionnaires;
using SecureBase.Web.Features.Scheduling;
using SecureBase.Web.Features.Security;

// The app's own folder holds wwwroot when published: found from any working directory
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot.For(args) });

// Data and key folders 0700, their files 0600, before anything is written to them
var narrowed = FilePermissions.Secure(builder.Configuration);

// Data: SQLite by default (a file under ./data), PostgreSQL when Database:Provider = Postgres
builder.Services.AddSecureBaseData(builder.Configuration);

// The one clock; Core never reads it, features pass it in
builder.Services.AddSingleton(TimeProvider.System);

// Accounts: Identity with server-side sessions; every page needs a signed-in user unless it says otherwise
builder.Services.AddSecureBaseAccounts(builder.Configuration);

// Practices, invitations, consent; who may see what is one audited decision (Core Access.Decide)
builder.Services.AddSecureBasePractice();

// Scheduling: booking pages, held requests, standing weekly series; every booking serialised and claimed in the database
builder.Services.AddSecureBaseScheduling();

// Calendars: private iCalendar feeds, invitations by email, reminders before sessions
builder.Services.AddSecureBaseCalendars();

// Account email: SMTP when configured, else .eml files in the data folder
builder.Services.AddSecureBaseEmail(builder.Configuration);

// Absolute links from one configured public base URL; forwarded headers only from trusted proxies
builder.Services.AddPublicOrigin(builder.Configuration);

// Free text is encrypted with a per-user key wrapped by the key ring outside the database
builder.Services.AddScoped<PersonalText>();

// The crisis line at the top of every page: the person's own, else the deployment's
builder.Services.AddScoped<SecureBase.Web.Features.Crisis.CrisisLines>();

// Rendered charts, kept by a hash of their figures
builder.Services.AddSingleton<ChartCache>();

// Local norm sets, recomputed only when the completed administrations change
builder.Services.AddSingleton<LocalNormSets>();

// Pages live next to their feature's API
builder.Services.AddRazorPages(options => options.RootDirectory = "/Features").AddFormConventions();
builder.Services.AddProblemDetails();
builder.Services.AddSecureBaseHealthChecks();

var app = builder.Build();
if (narrowed.Count > 0) app.Logger.LogWarning("Narrowed the permissions of {Count} files and folders others could read.", narrowed.Count);
try
{
    await app.Services.MigrateDatabaseAsync();
}
catch (System.Data.Common.DbException e)
{
    // A file that is no database, a damaged one, a server that refuses: one line that says why, no stack trace.
    await Console.Error.WriteLineAsync($"SecureBase cannot start: the database could not be opened or upgraded: {e.Message}");
    return 1;
}
await app.Services.VerifyKeyRingAsync();
await app.Services.OfferSetupAsync();   // no practice yet: a one-time setup code in the log and the data folder

app.UsePublicOrigin(app.Configuration);
if (!app.Environment.IsDevelopment())
{
    // A database that cannot be reached, a full disk, a read-only folder: 503 and "try again", not 500 (G22).
    app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/Error", StatusCodeSelector = SecureBase.Data.DatabaseFaults.StatusFor });
    app.UseHsts();
}

// One culture for every request, whatever the server's: dates and numbers look the same everywhere
app.UseRequestLocalization(o => o.SetDefaultCulture("en-GB").AddSupportedCultures("en-GB").AddSupportedUICultures("en-GB"));
app.UseStatusCodePagesForPagesAndApis();
app.UseReadableFormsOnly();
app.UseSecurityHeaders();
app.UseRouting();   // after the status-code pages, so a re-executed /Error finds its endpoint
app.UseRoutingRejections();
app.UseRateLimiter();
app.UseAuthentication();
app.UseSessionCheckFaults();   // a session check that could not reach the database: 503, not a silent sign-out
app.UseAuthorization();
app.UseSecondFactorGate();   // owners and therapists enrol, and anyone enrolled enters a code, before anything else
app.UseNoStoreForSignedInUsers();
app.MapStaticAssets().AllowAnonymous();
app.MapRazorPages();
app.MapHealth().AllowAnonymous();
app.MapInstrumentsApi().AllowAnonymous();
app.MapCalendarFeeds();   // anonymous: the secret address is the key

app.Run();
return 0;
