using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Background;
using Whuffie.Data;
using Whuffie.Demo;
using Whuffie.Organizations;
using Whuffie.Web;

namespace Whuffie.Cli;

/// <summary>
/// Operator commands in the same executable: `whuffie migrate`, `whuffie org create …`,
/// `whuffie user …`, `whuffie demo`. Each returns 0 on success, 1 on bad input, and says why.
/// </summary>
public static class Commands
{
    private static readonly string[] Verbs = ["migrate", "org", "user", "demo", "jobs", "help", "--help"];

    public const string Usage = """
        Usage: whuffie <command>
          migrate                                          apply database migrations
          org create <slug> --name <name> [--language en|da|sv|nb|nl] [--admin <email>]
          user create --email <email> --password <password> [--name <display name>] [--platform-admin]
          user role --email <email> --org <slug> --role member|staff|admin
          demo [--scale small|large]                       add the example organizations (once), or a benchmark data set
          jobs [status]                                    count the background jobs waiting, done and given up
          jobs probe [--count 1] [--work-ms 0]             enqueue probe jobs: each worker that runs one says so in its log
        With no command, whuffie starts the web server.
        """;

    public static bool IsCommand(string[] args) => args.Length > 0 && Verbs.Contains(args[0]);

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct = default)
    {
        var options = Options.Parse(args.Skip(1));
        var verb = string.Join(' ', args.Take(2));
        if (args[0] is "help" or "--help") { await output.WriteLineAsync(Usage); return 0; }
        if (args[0] != "migrate") await services.MigrateAsync(ct);
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        try
        {
            return args[0] switch
            {
                "migrate" => await MigrateAsync(services, output, ct),
                "demo" => await SeedDemoAsync(services, options, output, ct),
                _ when verb == "org create" => await CreateOrgAsync(sp, options, output, ct),
                _ when verb == "user create" => await CreateUserAsync(sp, options, output, ct),
                _ when verb == "user role" => await SetRoleAsync(sp, options, output, ct),
                _ when verb is "jobs" or "jobs status" => await JobStatusAsync(sp, output, ct),
                _ when verb == "jobs probe" => await EnqueueProbesAsync(sp, options, output, ct),
                _ => Fail(output, $"Unknown command '{verb}'.\n{Usage}"),
            };
        }
        catch (CommandException e)
        {
            return Fail(output, e.Message);
        }
    }

    private static async Task<int> MigrateAsync(IServiceProvider services, TextWriter output, CancellationToken ct)
    {
        await services.MigrateAsync(ct);
        await output.WriteLineAsync("The database is up to date.");
        return 0;
    }

    private static async Task<int> SeedDemoAsync(IServiceProvider services, Options options, TextWriter output, CancellationToken ct)
    {
        if (options.Has("scale"))
        {
            if (options.Get("scale") is not { } name || !ScaleData.Sizes.TryGetValue(name, out var size))
                throw new CommandException("--scale must be small or large.");
            if (!await ScaleData.SeedAsync(services, size, output, ct))
                await output.WriteLineAsync("The benchmark data set is already there; nothing added.");
            return 0;
        }
        if (!await DemoData.SeedAsync(services, output, ct))
            await output.WriteLineAsync("The demo organizations are already there; nothing added.");
        return 0;
    }

    private static async Task<int> CreateOrgAsync(IServiceProvider sp, Options options, TextWriter output, CancellationToken ct)
    {
        var slug = options.Positional.ElementAtOrDefault(1)?.ToLowerInvariant();
        var name = options.Get("name");
        var language = options.Get("language");
        var validation = OrganizationRules.Validate(slug, name, language);
        if (!validation.IsValid) return Fail(output, validation.ToProblem().ProblemDetails.Detail!);

        var db = sp.GetRequiredService<WhuffieDb>();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        User? admin = null;
        if (options.Get("admin") is { } email)
            admin = await sp.GetRequiredService<UserManager<User>>().FindByEmailAsync(email)
                ?? throw new CommandException($"There is no account for {email}; create it first with `whuffie user create`.");

        var org = await OrganizationRules.CreateAsync(db, slug!, name!, language, now, ct)
            ?? throw new CommandException($"The slug '{slug}' is already taken.");
        if (admin is not null)
        {
            db.Tenant.Enter(org);
            db.Memberships.Add(new Membership { UserId = admin.Id, Role = OrgRole.Admin, JoinedAt = now });
            await db.SaveChangesAsync(ct);
        }
        await output.WriteLineAsync($"Created {org.Name} at /{org.Slug}{(admin is null ? "" : $", administered by {admin.Email}")}.");
        return 0;
    }

    private static async Task<int> CreateUserAsync(IServiceProvider sp, Options options, TextWriter output, CancellationToken ct)
    {
        var email = options.Require("email");
        var password = options.Require("password");
        var users = sp.GetRequiredService<UserManager<User>>();
        var user = new User
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = options.Get("name")?.Trim() ?? "",
            IsPlatformAdmin = options.Has("platform-admin"),
        };
        if (user.DisplayName.Length > User.DisplayNameMaxLength)
            throw new CommandException($"--name must be at most {User.DisplayNameMaxLength} characters.");
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
            throw new CommandException(string.Join(Environment.NewLine, result.Errors.Select(e => e.Description)));
        await output.WriteLineAsync($"Created {email} (id {user.Id}){(user.IsPlatformAdmin ? " as platform admin" : "")}.");
        return 0;
    }

    private static async Task<int> SetRoleAsync(IServiceProvider sp, Options options, TextWriter output, CancellationToken ct)
    {
        var email = options.Require("email");
        var slug = options.Require("org").ToLowerInvariant();
        if (!Names.TryParse<OrgRole>(options.Require("role"), out var role))
            throw new CommandException("--role must be member, staff or admin.");
        var db = sp.GetRequiredService<WhuffieDb>();
        var user = await sp.GetRequiredService<UserManager<User>>().FindByEmailAsync(email)
            ?? throw new CommandException($"There is no account for {email}.");
        var org = await db.Organizations.FirstOrDefaultAsync(o => o.Slug == slug, ct)
            ?? throw new CommandException($"There is no organization '{slug}'.");
        db.Tenant.Enter(org);
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == user.Id, ct);
        if (membership is null)
            db.Memberships.Add(new Membership { UserId = user.Id, Role = role, JoinedAt = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime });
        else
            membership.Role = role;
        await db.SaveChangesAsync(ct);
        await output.WriteLineAsync($"{email} is now {role.ToName()} of {org.Name}.");
        return 0;
    }

    private static async Task<int> JobStatusAsync(IServiceProvider sp, TextWriter output, CancellationToken ct)
    {
        var jobs = sp.GetRequiredService<WhuffieDb>().Jobs;
        var waiting = await jobs.CountAsync(j => j.DueAt != null, ct);
        var failing = await jobs.CountAsync(j => j.DueAt != null && j.LastError != null, ct);
        var done = await jobs.CountAsync(j => j.CompletedAt != null, ct);
        var givenUp = await jobs.CountAsync(j => j.DueAt == null && j.CompletedAt == null, ct);
        await output.WriteLineAsync($"{waiting} waiting ({failing} after a failure), {done} done, {givenUp} given up.");
        return 0;
    }

    private static async Task<int> EnqueueProbesAsync(IServiceProvider sp, Options options, TextWriter output, CancellationToken ct)
    {
        var count = options.GetInt("count", 1, 1, 10_000);
        var workMs = options.GetInt("work-ms", 0, 0, 60_000);
        var db = sp.GetRequiredService<WhuffieDb>();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var jobs = Enumerable.Range(0, count).Select(_ => db.Enqueue(ProbeJob.Kind, new ProbeJob.Payload(workMs), now)).ToList();
        await db.SaveChangesAsync(ct);
        await output.WriteLineAsync($"Enqueued {count} probe job(s): {jobs[0].Id}–{jobs[^1].Id}.");
        return 0;
    }

    private static int Fail(TextWriter output, string message)
    {
        output.WriteLine(message);
        return 1;
    }

    private sealed class CommandException(string message) : Exception(message);

    /// <summary>`--key value` pairs, `--flag`s and positional words.</summary>
    private sealed class Options
    {
        private readonly Dictionary<string, string?> _named = new(StringComparer.OrdinalIgnoreCase);
        public List<string> Positional { get; } = [];

        public static Options Parse(IEnumerable<string> args)
        {
            var options = new Options();
            var list = args.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                if (!list[i].StartsWith("--", StringComparison.Ordinal)) { options.Positional.Add(list[i]); continue; }
                var key = list[i][2..];
                var hasValue = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal);
                options._named[key] = hasValue ? list[++i] : null;
            }
            return options;
        }

        public bool Has(string key) => _named.ContainsKey(key);
        public string? Get(string key) => _named.GetValueOrDefault(key);
        public int GetInt(string key, int fallback, int min, int max) =>
            Get(key) is not { } text ? fallback
            : int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= min && n <= max ? n
            : throw new CommandException($"--{key} must be a whole number from {min} to {max}.");

        public string Require(string key) =>
            Get(key) is { Length: > 0 } value ? value : throw new CommandException($"--{key} is required.\n{Usage}");
    }
}
