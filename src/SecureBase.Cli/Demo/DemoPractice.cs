using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SecureBase.Core.Sharing;
using SecureBase.Data;
using SecureBase.Data.Instruments;
using SecureBase.Data.Model;
using SecureBase.Data.Practices;

namespace SecureBase.Cli.Demo;

// demo --practice [--clients N] [--years N]: a practice whose owner is a therapist with N clients (default
// 12) of up to N years (default 3), each with a weekly session, marked attendance, quarterly ECR-Rs, a log
// and expectations, sharing scores, weekly metrics, moments and expectations. Their stories vary so the
// caseload has something to say: most slowly improve; one reliably worsens, one stopped logging three
// weeks ago, one missed the last two sessions, one had a cluster of intense moments this week, one shares
// nothing. Prints the therapist's sign-in once; the clients' passwords are random and never shown.
internal static class DemoPractice
{
    enum Story { Improving, Worsening, StoppedLogging, MissedSessions, IntenseWeek, SharesNothing }

    static readonly Story[] Stories = [Story.Improving, Story.Worsening, Story.StoppedLogging, Story.MissedSessions, Story.IntenseWeek, Story.SharesNothing];

    public static async Task<int> RunAsync(CliSettings settings, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (Options.Parse(args, new HashSet<string> { "clients", "years" }, stderr) is not { } options) return 2;
        var clients = 12;
        var years = 3;
        if (options["clients"] is { } c && (!int.TryParse(c, System.Globalization.CultureInfo.InvariantCulture, out clients) || clients is < 1 or > 500))
            return Fail(stderr, "--clients must be a whole number from 1 to 500.");
        if (options["years"] is { } y && (!int.TryParse(y, System.Globalization.CultureInfo.InvariantCulture, out years) || years is < 1 or > 10))
            return Fail(stderr, "--years must be a whole number from 1 to 10.");
        FilePermissions.Secure(settings.Configuration);
        await using var services = CliServices.Build(settings);
        await services.MigrateDatabaseAsync();
        var clock = services.GetRequiredService<TimeProvider>();
        var ecrR = services.GetRequiredService<InstrumentCatalog>().Find("ecr-r")!;
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        const string zone = "Europe/London";
        var tag = RandomNumberGenerator.GetHexString(6, lowercase: true);
        var email = $"demo-therapist-{tag}@example.org";
        var password = RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 20);
        var (practice, therapist, errors) = await PracticeSetup.CreateAsync(db, users, new NewPractice($"Demo Practice {tag}", zone, email, password), now, CancellationToken.None);
        if (practice is null || therapist is null) return Fail(stderr, string.Join(" ", errors));
        db.BookingProfiles.Add(new BookingProfile { PracticeId = practice.Id, TherapistId = therapist.Id, Handle = $"demo-{tag}", DisplayName = "Demo Therapist", TimeZoneId = zone });

        var random = new Random();
        var londonToday = LocalDate.FromDateTime(Instant.FromDateTimeOffset(now).InZone(DateTimeZoneProviders.Tzdb[zone]).LocalDateTime.ToDateTimeUnspecified());
        for (var i = 0; i < clients; i++)
        {
            var story = i < Stories.Length ? Stories[i] : Story.Improving;
            var weeks = Math.Max(8, (int)(52 * years * (0.3 + 0.7 * random.NextDouble())));   // clients started at different times
            var start = now.AddDays(-7 * weeks);
            var client = new AppUser { UserName = $"demo-client-{tag}-{i + 1}@example.org", Email = $"demo-client-{tag}-{i + 1}@example.org", TimeZoneId = zone, EmailConfirmed = true, CreatedAt = start };
            var created = await users.CreateAsync(client, RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 24));
            if (!created.Succeeded) return Fail(stderr, string.Join(" ", created.Errors.Select(e => e.Description)));

            var relationship = new CareRelationshipRow { Id = Guid.NewGuid(), PracticeId = practice.Id, TherapistId = therapist.Id, ClientId = client.Id, StartedAt = start };
            db.CareRelationships.Add(relationship);
            if (story != Story.SharesNothing)
                foreach (var scopeGranted in new[] { ConsentScope.Scores, ConsentScope.WeeklyMetrics, ConsentScope.ActivationEntries, ConsentScope.Expectations })
                    db.ConsentGrants.Add(new ConsentGrant { PracticeId = practice.Id, RelationshipId = relationship.Id, Scope = scopeGranted, GrantedAt = start });
            db.MeasureSchedules.Add(new MeasureScheduleRow
            {
                Id = Guid.NewGuid(), PracticeId = practice.Id, RelationshipId = relationship.Id, InstrumentId = "ecr-r", AtIntake = true, EveryWeeks = 13,
                Since = DateOnly.FromDateTime(start.UtcDateTime), SetAt = start,
            });

            var sittings = DemoClient.Questionnaires(ecrR, client.Id, start, weeks, random).ToList();
            if (story == Story.Worsening)
                sittings = DemoClient.Trajectory(ecrR, client.Id, start, weeks, random, (2.6, 2.8), (6.2, 4.6)).ToList();
            db.Administrations.AddRange(sittings);
            var moments = DemoClient.Moments(client.Id, start, weeks, random).ToList();
            if (story == Story.StoppedLogging) moments = moments.Where(m => m.OccurredAt < now.AddDays(-21)).ToList();
            if (story == Story.IntenseWeek)
                moments.AddRange(Enumerable.Range(1, 3).Select(d => DemoClient.Moment(client.Id, now.AddDays(-d).AddHours(-3), 9)));
            db.ActivationEntries.AddRange(moments);
            db.ExpectationEntries.AddRange(DemoClient.Expectations(client.Id, start, weeks, random));

            // A weekly session at its own hour (7 days × 8 hours: up to 56 clients have one), every past one marked.
            if (i < 56)
            {
                var firstDate = londonToday.PlusWeeks(-weeks);
                var series = new SeriesRow
                {
                    Id = Guid.NewGuid(), PracticeId = practice.Id, TherapistId = therapist.Id, ClientId = client.Id, ClientEmail = client.Email!, ClientName = $"Client {i + 1}",
                    Day = i % 7 + 1, Time = new TimeOnly(9 + i / 7, 0), LengthMinutes = 50, TimeZoneId = zone, CreatedAt = start,
                };
                var date = firstDate;
                while ((int)date.DayOfWeek != series.Day) date = date.PlusDays(1);
                series.StartDate = date.ToDateOnly();
                series.ClaimedThrough = londonToday.ToDateOnly();
                db.StandingSeries.Add(series);
                var past = new List<LocalDate>();
                for (var d = date; d < londonToday; d = d.PlusWeeks(1)) past.Add(d);
                for (var k = 0; k < past.Count; k++)
                {
                    var missed = story == Story.MissedSessions && k >= past.Count - 2;
                    var cancelled = !missed && random.NextDouble() < 0.04;
                    db.OccurrenceChanges.Add(new OccurrenceChange
                    {
                        SeriesId = series.Id, OriginalDate = past[k].ToDateOnly(), PracticeId = practice.Id, ChangedAt = start,
                        Cancelled = cancelled, ChangedBy = cancelled ? Core.Scheduling.ChangedBy.Therapist : null, Reason = cancelled ? "Therapist unwell" : null,
                        Attendance = cancelled ? null : missed ? SessionAttendance.NoShow : SessionAttendance.Attended,
                    });
                }
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }

        // Reliable change is judged against this server's own norms: each person's first ECR-R, at least
        // NormSet.MinimumLocalN of them (ADR 0004). A fresh server has none, so the demo adds people who took
        // one ECR-R on their own, spread around the middle of the scale; without them every verdict would be
        // "cannot judge yet" and the worsening client would raise no flag.
        var baselines = await db.Administrations.Where(a => a.InstrumentId == "ecr-r" && a.CompletedAt != null).Select(a => a.SubjectId).Distinct().CountAsync();
        var contributors = Math.Max(0, Core.Statistics.NormSet.MinimumLocalN + 5 - baselines);
        for (var k = 0; k < contributors; k++)
        {
            var person = new AppUser { UserName = $"demo-person-{tag}-{k + 1}@example.org", Email = $"demo-person-{tag}-{k + 1}@example.org", TimeZoneId = zone, EmailConfirmed = true, CreatedAt = now.AddDays(-400) };
            var made = await users.CreateAsync(person, RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyz23456789", 24));
            if (!made.Succeeded) return Fail(stderr, string.Join(" ", made.Errors.Select(e => e.Description)));
            db.Administrations.Add(DemoClient.Sitting(ecrR, person.Id, now.AddDays(-random.Next(30, 400)), 2.2 + 4.2 * random.NextDouble(), 1.8 + 3.8 * random.NextDouble(), random));
        }
        await db.SaveChangesAsync();

        var site = (settings.Configuration["SecureBase:PublicBaseUrl"] ?? "http://localhost:5000").TrimEnd('/');
        stdout.WriteLine($"Demo practice created: a therapist with {clients} clients of up to {SecureBase.Core.Text.Counted.Of(years, "year")}" +
            (contributors > 0 ? $" (and {contributors} people who took one ECR-R on their own, so this server's local norms can judge change)" : "") + $". Sign in at {site}/Accounts/SignIn with:");
        stdout.WriteLine($"  email:    {email}");
        stdout.WriteLine($"  password: {password}");
        stdout.WriteLine("You will be asked to add an authenticator app first (therapists always use two steps). The password is shown only now.");
        return 0;
    }

    static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        return 2;
    }
}
