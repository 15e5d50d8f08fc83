using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
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
    // A month before the run, whatever day it is: the showcase is old enough to have a history, never in the future.
    private static readonly DateTime Seeded = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-30);
    private static int _counter;

    private readonly string _folder = Directory.CreateTempSubdirectory("whuffie-browser-").FullName;
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly Lazy<Task<Showcase>> _showcase;
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private HttpClient? _api;

    public WhuffieSite() => _showcase = new(() => Showcase.SeedAsync(this));

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

        _api = new HttpClient { BaseAddress = BaseUrl };
        // The first request to each page compiles its view; on a small machine that takes seconds.
        Assertions.SetDefaultExpectTimeout(15_000);

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
        _api?.Dispose();
        _playwright?.Dispose();
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development, the app serves wwwroot only as published (site.css.gz and all);
        // a build has them spread over wwwroot/ and obj/, listed in the static web assets
        // manifest. Without this the pages would get empty stylesheets and scripts.
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Whuffie",
            new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "whuffie.db"), Pooling = true }.ToString());
        builder.UseSetting("Demo:SeedWhenEmpty", "false");
        // All of the suite's pages come from 127.0.0.1.
        builder.UseSetting("Notices:SubscribeLimit", "10000");
        // Nor may the rate limits stop them (the accessibility sweep alone signs in again and again).
        foreach (var limit in typeof(Whuffie.Limits.RateLimitSettings).GetProperties())
            builder.UseSetting($"RateLimits:{limit.Name}:Permits", "1000000");
        // Port 0: the kernel picks a free one, so parallel runs never collide; Kestrel then
        // reports the port it got. Loopback only: nothing outside this machine sees the site.
        builder.UseSetting("Urls", "http://127.0.0.1:0");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureServices(services =>
            // Full-strength hashing would make every sign-in in the suite cost ~100 ms.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000));
    }

    /// <summary>
    /// A fresh browser context (no cookies shared with other tests) and a page in it: English
    /// unless told, scripts on unless told, a desktop window unless told (360 is a small phone).
    /// </summary>
    public async Task<IPage> NewPageAsync(string? locale = null, bool javaScript = true, int width = 1280)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl.ToString(),
            Locale = locale ?? "en",
            JavaScriptEnabled = javaScript,
            ViewportSize = new() { Width = width, Height = width < 600 ? 740 : 900 },
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

    /// <summary>The link the confirmation email carries, made with Identity's token as the email's is.</summary>
    public async Task<string> ConfirmationLinkAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account for {email}.");
        return $"/account/confirm?userId={user.Id}&code={AccountMail.Encode(await users.GenerateEmailConfirmationTokenAsync(user))}";
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

    /// <summary>
    /// Signs in through the sign-in page, as a person would, in whatever language the page
    /// comes in, and waits until the site shows the person signed in (the "Sign out" button).
    /// Fails with the page's own message when refused.
    /// </summary>
    public static async Task SignInAsync(IPage page, TestUser user, string? returnUrl = null)
    {
        await page.GotoAsync(returnUrl is null ? "/signin" : "/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var language = await page.Locator("html").GetAttributeAsync("lang") ?? "en";
        await page.GetByLabel(Strings.Get(language, "Account.Email"), new() { Exact = true }).FillAsync(user.Email);
        await page.GetByLabel(Strings.Get(language, "Account.Password"), new() { Exact = true }).FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = Strings.Get(language, "SignIn.Submit"), Exact = true }).ClickAsync();

        var signOut = page.GetByRole(AriaRole.Button, new() { Name = Strings.Get(language, "Layout.SignOut"), Exact = true });
        var refusal = page.GetByRole(AriaRole.Alert).Or(page.Locator(".error:not(:empty)"));
        await Assertions.Expect(signOut.Or(refusal).First).ToBeVisibleAsync();
        if (!await signOut.IsVisibleAsync())
            Assert.Fail($"Signing in as {user.Email} was refused: {await refusal.First.InnerTextAsync()}");
    }

    // Seeding goes through the public API, with the person's own token: the same rules as the
    // pages, and, unlike writing to the database, it evicts the cached anonymous pages.

    /// <summary>Submits an idea as the person and returns its number.</summary>
    public async Task<int> SubmitIdeaAsync(TestUser author, string org, string title, string? body = null, string? category = null)
    {
        var idea = await SendAsync(author, HttpMethod.Post, $"/api/v1/orgs/{org}/ideas", new { title, body, category });
        return idea.GetProperty("number").GetInt32();
    }

    public Task VoteAsync(TestUser voter, string org, int number) =>
        SendAsync(voter, HttpMethod.Put, $"/api/v1/orgs/{org}/ideas/{number}/vote", null);

    /// <summary>Comments as the person; returns the comment's id.</summary>
    public async Task<int> CommentAsync(TestUser author, string org, int number, string body) =>
        (await SendAsync(author, HttpMethod.Post, $"/api/v1/orgs/{org}/ideas/{number}/comments", new { body })).GetProperty("id").GetInt32();

    /// <summary>Staff mark a comment helpful.</summary>
    public Task MarkHelpfulAsync(TestUser staff, string org, int number, int comment) =>
        SendAsync(staff, HttpMethod.Put, $"/api/v1/orgs/{org}/ideas/{number}/comments/{comment}/helpful", null);

    /// <summary>Staff make a member a trusted contributor.</summary>
    public Task TrustAsync(TestUser staff, string org, TestUser member) =>
        SendAsync(staff, HttpMethod.Put, $"/api/v1/orgs/{org}/members/{member.Id}/trusted", null);

    /// <summary>The person's choice on /me, written directly (the account page has its own tests).</summary>
    public async Task ShowOnLeaderboardAsync(TestUser person)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WhuffieDb>();
        await db.Users.Where(u => u.Id == person.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.ShowOnLeaderboard, true));
    }

    /// <summary>Moves an idea to a status (snake_case, as in the API) with its public answer; staff only.</summary>
    public Task ChangeStatusAsync(TestUser staff, string org, int number, string status, string answer) =>
        SendAsync(staff, HttpMethod.Post, $"/api/v1/orgs/{org}/ideas/{number}/status", new { status, answer });

    /// <summary>Answers "did it help?" about a launched idea, as one of the people who took part.</summary>
    public Task AnswerHelpedAsync(TestUser person, string org, int number, string answer) =>
        SendAsync(person, HttpMethod.Post, $"/api/v1/orgs/{org}/ideas/{number}/helped", new { answer });

    /// <summary>Adds a category; staff only. Returns its slug.</summary>
    public async Task<string> AddCategoryAsync(TestUser staff, string org, string name)
    {
        var category = await SendAsync(staff, HttpMethod.Post, $"/api/v1/orgs/{org}/categories", new { name });
        return category.GetProperty("slug").GetString()!;
    }

    /// <summary>Adds a notice topic (an area, a service); staff only. Returns its slug.</summary>
    public async Task<string> AddNoticeTopicAsync(TestUser staff, string org, string name) =>
        (await SendAsync(staff, HttpMethod.Post, $"/api/v1/orgs/{org}/notice-topics", new { name })).GetProperty("slug").GetString()!;

    /// <summary>The calling codes the organization's texts may go to ("+44, +45"); admins only. An English-speaking organization allows none until it says.</summary>
    public Task AllowSmsCountriesAsync(TestUser admin, string org, string codes) =>
        SendAsync(admin, HttpMethod.Put, $"/api/v1/orgs/{org}/notice-channels", new { smsCountries = codes });

    /// <summary>Subscribes to the organization's notices as the signed-in person, so the subscription is on their profile.</summary>
    public Task SubscribeAsync(TestUser person, string org, string channel, string address, params string[] topics) =>
        SendAsync(person, HttpMethod.Post, $"/api/v1/orgs/{org}/notices/subscriptions", new { channel, address, topics });

    /// <summary>An organization with a few ideas, votes, comments and answers, made once per run.</summary>
    public Task<Showcase> ShowcaseAsync() => _showcase.Value;

    private async Task<JsonElement> SendAsync(TestUser user, HttpMethod method, string url, object? body)
    {
        var api = _api ?? throw new InvalidOperationException("The site is not started.");
        if (!_tokens.TryGetValue(user.Email, out var token))
        {
            using var login = await api.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password });
            login.EnsureSuccessStatusCode();
            token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
            _tokens[user.Email] = token;
        }
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Seeding failed: {method} {url} answered {(int)response.StatusCode}: {text}");
        if (text.Length == 0) return default;
        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }
}

/// <summary>An account the test made; the password is the one to type on the sign-in page.</summary>
public sealed record TestUser(int Id, string DisplayName, string Email, string Password);

[CollectionDefinition(Name)]
public sealed class SiteCollection : ICollectionFixture<WhuffieSite>
{
    public const string Name = "site";
}
