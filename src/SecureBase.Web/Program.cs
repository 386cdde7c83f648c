using SecureBase.Data;
using SecureBase.Web.Features.Health;
using SecureBase.Web.Features.Instruments;
using SecureBase.Web.Features.Security;

var builder = WebApplication.CreateBuilder(args);

// Data: SQLite by default (a file under ./data), PostgreSQL when Database:Provider = Postgres
builder.Services.AddSecureBaseData(builder.Configuration);

// The one clock; Core never reads it, features pass it in
builder.Services.AddSingleton(TimeProvider.System);

// Pages live next to their feature's API
builder.Services.AddRazorPages(options => options.RootDirectory = "/Features");
builder.Services.AddProblemDetails();
builder.Services.AddSecureBaseHealthChecks();

var app = builder.Build();
await app.Services.MigrateDatabaseAsync();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}

app.UseStatusCodePages();
app.UseSecurityHeaders();
app.MapStaticAssets();
app.MapRazorPages();
app.MapHealth();
app.MapInstrumentsApi();

app.Run();
