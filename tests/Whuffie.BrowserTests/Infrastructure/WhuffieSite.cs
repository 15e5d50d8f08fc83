using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Organizations;
using Whuffie.Web;

namespace Whuffie.BrowserTests.Infrastructure;

/// <summary>
/// The whole application served by Kestrel on a loopback port, on a fresh SQLite file, with
/// one headless Chromium to look at it. One per test run (<see cref="SiteCollection"/>):
/// starting the browser costs a second or two, a new context per test costs little.
/// Tests seed through <see cref="WebApplicationFactory{TEntryPoint}.Services"/>, the same
/// process that serves the pages.
/// </summary>
public sealed class WhuffieSite : WebApplicationFactory<Program>, IAsyncLifetime
{
    private static readonly DateTime Seeded = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    private static int _counter;

    private readonly string _folder = Directory.CreateTempSubdirectory("whuffie-browser-").FullName;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the site listens, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The site is not started.");

    public async Task InitializeAsync()
    {
        var executable = Chromium.ExecutablePath; // first, so a missing browser fails before anything starts
        UseKestrel();
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        BaseUrl = new Uri(addresses?.FirstOrDefault() ?? throw new InvalidOperationException("Kestrel reported no address."));

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = executable,
            Headless = true,
            // Chromium's sandbox refuses to start as root (test.sh runs as root on CI); Playwright
            // then passes --no-sandbox. The pages come from our own loopback server only.
            ChromiumSandbox = false,
        });
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Whuffie",
            new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "whuffie.db"), Pooling = true }.ToString());
        builder.UseSetting("Demo:SeedWhenEmpty", "false");
        // Port 0: the kernel picks a free one, so parallel runs never collide; Kestrel then
        // reports the port it got. Loopback only: nothing outside this machine sees the site.
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(services =>
            // Full-strength hashing would make every sign-in in the suite cost ~100 ms.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
    }

    /// <summary>A fresh browser context (no cookies shared with other tests) and a page in it.</summary>
    public async Task<IPage> NewPageAsync(string? locale = null)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl.ToString(),
            Locale = locale ?? "en",
        });
        return await context.NewPageAsync();
    }

    /// <summary>A name no other test uses, so tests can share one database.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Interlocked.Increment(ref _counter)}";

    /// <summary>An organization made the way an operator would, with the CLI's rules; returns its slug.</summary>
    public async Task<string> CreateOrgAsync(string name, string language = "en")
    {
        var slug = Unique(Slugs.From(name, 30) is { Length: > 0 } s ? s : "org");
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WhuffieDb>();
        _ = await OrganizationRules.CreateAsync(db, slug, name, language, Seeded)
            ?? throw new InvalidOperationException($"The slug '{slug}' is taken.");
        return slug;
    }

    /// <summary>An account (like `whuffie user create`), optionally with a role in one organization.</summary>
    public async Task<TestUser> CreateUserAsync(string displayName, (string Org, OrgRole Role)? membership = null)
    {
        var email = $"{Unique(Slugs.From(displayName, 30) is { Length: > 0 } s ? s : "user")}@example.com";
        const string password = "correct-horse-battery-1";
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = new User { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, CreatedAt = Seeded };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));

        if (membership is var (org, role))
        {
            var db = scope.ServiceProvider.GetRequiredService<WhuffieDb>();
            db.Tenant.Enter(await db.Organizations.SingleAsync(o => o.Slug == org));
            db.Memberships.Add(new Membership { UserId = user.Id, Role = role, JoinedAt = Seeded });
            await db.SaveChangesAsync();
        }
        return new TestUser(user.Id, displayName, email, password);
    }

    /// <summary>Signs in through the sign-in page, as a person would.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        // TODO: the sign-in page is being written; match its final labels and what it shows afterwards.
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}

/// <summary>An account the test made; the password is the one to type on the sign-in page.</summary>
public sealed record TestUser(int Id, string DisplayName, string Email, string Password);

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<WhuffieSite>
{
    public const string Name = "site";
}
