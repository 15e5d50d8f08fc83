using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Organizations;

namespace Whuffie.Tests.Infrastructure;

/// <summary>
/// The whole application on its own fresh database (SQLite file or PostgreSQL database),
/// migrated by the real migrations. Offers intent methods so tests read like the domain:
/// <c>var sofie = await app.SignUpAsync("Sofie");</c>.
/// </summary>
public sealed class WhuffieFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private static int _counter;
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The factory is not initialized.");

    /// <summary>The app's clock (see <see cref="TestClock"/>): tests take "now" from it, never from the wall.</summary>
    public TestClock Clock { get; } = TestClock.FromEnvironment();

    /// <summary>Now on the app's clock, as rows store it.</summary>
    public DateTime Now => Clock.UtcNow;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _ = Server; // start the host now: it migrates the database
        // On PostgreSQL the page cache listener empties the cache when it first connects; a test
        // that cached a page before that moment would find it gone.
        if (Services.GetService<Whuffie.Web.PageCacheListener>() is { } listener)
            await listener.Listening.WaitAsync(TimeSpan.FromSeconds(30));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null) await _database.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider);
        builder.UseSetting("ConnectionStrings:Whuffie", Database.ConnectionString);
        builder.UseSetting("Demo:SeedWhenEmpty", "false");
        // Tests run the job worker by hand (JobWorker.RunNextAsync) so they decide when work happens.
        builder.UseSetting("Jobs:Enabled", "false");
        builder.UseSetting("Notices:Enabled", "false");
        // Every test's client comes from the same (no) address; the limit's own test sets it low.
        builder.UseSetting("Notices:SubscribeLimit", "10000");
        // The same for the rate limits (Whuffie.Limits): only their own tests (Tests.Limits) set them low.
        foreach (var limit in typeof(Whuffie.Limits.RateLimitSettings).GetProperties())
            builder.UseSetting($"RateLimits:{limit.Name}:Permits", "1000000");
        // The receivers, push service emulator and SMTP server of the tests listen on loopback,
        // which outbound calls may reach only when the operator says so (the guard's own tests say not).
        builder.UseSetting("Outbound:AllowedNetworks:0", "127.0.0.0/8");
        builder.UseSetting("Outbound:AllowedNetworks:1", "::1");
        // Failures show up as test failures; the log would only bury them. (EF logs its
        // first look for the migrations table on PostgreSQL as an error, though it is not.)
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "None");
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddTransient<IStartupFilter, RemoteAddressFromHeader>();
            // Hashing at full strength would make every sign-up in the suite cost ~100 ms.
            services.Configure<PasswordHasherOptions>(o => o.IterationCount = 1_000);
        });
    }

    /// <summary>The header a test sends to come from another network address (TestServer has none of its own).</summary>
    public const string RemoteAddressHeader = "X-Test-Remote-Address";

    /// <summary>Test-only: before anything else runs, a request with <see cref="RemoteAddressHeader"/> comes from that address.</summary>
    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[RemoteAddressHeader].ToString(), out var address))
                    http.Connection.RemoteIpAddress = address;
                return nextMiddleware(http);
            });
            next(app);
        };
    }

    /// <summary>A name no other test uses, so tests can share one database.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Interlocked.Increment(ref _counter)}";

    /// <summary>An organization made the way an operator would, with the CLI's rules.</summary>
    public async Task<string> CreateOrgAsync(string prefix = "soeborg", string name = "Søborg Bibliotek")
    {
        var slug = Unique(prefix);
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WhuffieDb>();
        var org = await OrganizationRules.CreateAsync(db, slug, name, "da", Now.AddDays(-30));
        Assert.NotNull(org);
        return slug;
    }

    public const string Password = "correct-horse-battery-1";

    /// <summary>
    /// Registers and signs in through the public auth endpoints; returns a client carrying the bearer
    /// token. The address is confirmed with a token from Identity, as the emailed link would (the
    /// confirmation tests follow the real email); <paramref name="confirmed"/> false leaves it unconfirmed.
    /// </summary>
    public async Task<Person> SignUpAsync(string displayName, bool confirmed = true)
    {
        var email = $"{Unique(displayName.ToLowerInvariant().Replace(' ', '.'))}@example.com";
        const string password = Password;
        var client = CreateClient();
        (await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password })).EnsureSuccessStatusCode();
        if (confirmed) await ConfirmAsync(email);
        var login = await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        (await client.PutAsJsonAsync("/api/v1/me", new { displayName })).EnsureSuccessStatusCode();
        var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me");
        return new Person(this, client, me.GetProperty("id").GetInt32(), displayName, email);
    }

    /// <summary>Confirms an address the way its emailed link does, without the email.</summary>
    public async Task ConfirmAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account for {email}.");
        var confirmed = await users.ConfirmEmailAsync(user, await users.GenerateEmailConfirmationTokenAsync(user));
        Assert.True(confirmed.Succeeded, string.Join(" ", confirmed.Errors.Select(e => e.Description)));
    }

    /// <summary>A client for the pages: keeps cookies, does not follow redirects (tests look at them).</summary>
    public Browser Browse() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task GrantAsync(Person person, string org, OrgRole role)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WhuffieDb>();
        db.Tenant.Enter(await db.Organizations.SingleAsync(o => o.Slug == org));
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.UserId == person.Id);
        if (membership is null) db.Memberships.Add(new Membership { UserId = person.Id, Role = role, JoinedAt = Now.AddDays(-30) });
        else membership.Role = role;
        await db.SaveChangesAsync();
    }

    public async Task<Person> StaffOfAsync(string org, string displayName = "Lars")
    {
        var person = await SignUpAsync(displayName);
        await GrantAsync(person, org, OrgRole.Staff);
        return person;
    }

    public async Task MakePlatformAdminAsync(Person person)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var user = await users.FindByIdAsync(person.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        user!.IsPlatformAdmin = true;
        await users.UpdateAsync(user);
    }

    /// <summary>Runs every due background job, one at a time as the worker would, until none is left.</summary>
    public async Task RunJobsAsync()
    {
        var worker = Services.GetRequiredService<Whuffie.Background.JobWorker>();
        while (await worker.RunNextAsync(default)) { }
    }

    /// <summary>Runs a query against the database directly, inside one organization.</summary>
    public async Task<T> InOrgAsync<T>(string org, Func<WhuffieDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WhuffieDb>();
        db.Tenant.Enter(await db.Organizations.SingleAsync(o => o.Slug == org));
        return await query(db);
    }
}
