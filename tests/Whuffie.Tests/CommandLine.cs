using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Whuffie.Cli;
using Whuffie.Organizations;

namespace Whuffie.Tests;

/// <summary>The operator's commands, in the same executable as the server.</summary>
public sealed class CommandLine(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    private async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var code = await Commands.RunAsync(app.Services, args, output);
        return (code, output.ToString());
    }

    [Fact]
    public async Task An_operator_sets_up_an_organization_with_its_admin_and_staff()
    {
        var admin = $"{WhuffieFactory.Unique("mette")}@example.com";
        var staff = $"{WhuffieFactory.Unique("lars")}@example.com";
        var slug = WhuffieFactory.Unique("roskilde");

        Assert.Equal(0, (await RunAsync("user", "create", "--email", admin, "--password", "long-enough-1", "--name", "Mette")).Code);
        Assert.Equal(0, (await RunAsync("user", "create", "--email", staff, "--password", "long-enough-1")).Code);
        var created = await RunAsync("org", "create", slug, "--name", "Roskilde Bibliotekerne", "--language", "da", "--admin", admin);
        Assert.Equal(0, created.Code);
        Assert.Contains($"/{slug}", created.Output, StringComparison.Ordinal);
        var role = await RunAsync("user", "role", "--email", staff, "--org", slug, "--role", "staff");
        Assert.Equal((0, $"{staff} is now staff of Roskilde Bibliotekerne."), (role.Code, role.Output.Trim()));

        var roles = await app.InOrgAsync(slug, db => db.Memberships.Select(m => new { m.User!.Email, m.Role }).ToListAsync());
        Assert.Equal(new[] { $"{admin}:{OrgRole.Admin}", $"{staff}:{OrgRole.Staff}" }.Order(), roles.Select(r => $"{r.Email}:{r.Role}").Order());

        // The admin signs in with the password the operator set.
        var login = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email = admin, password = "long-enough-1" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Theory]
    [InlineData("org create --name Nameless", "slug: Please fill this in.")]
    [InlineData("org create Bad_Slug --name X", "slug: Use 1–40 lowercase letters")]
    [InlineData("org create good-slug", "name: Please fill this in.")]
    [InlineData("org create good-slug --name X --language de", "defaultLanguage: Choose one of the languages en, da, sv, nb, nl.")]
    [InlineData("org create good-slug --name X --admin nobody@example.com", "There is no account for nobody@example.com")]
    [InlineData("user create --email a@example.com", "--password is required")]
    [InlineData("user create --email a@example.com --password short", "Use at least 12 characters.")]
    [InlineData("user role --email nobody@example.com --org x --role staff", "There is no account")]
    [InlineData("user role --email a@example.com --org x --role owner", "--role must be member, staff or admin")]
    [InlineData("org delete x", "Unknown command 'org delete'")]
    public async Task Bad_input_says_what_is_wrong_and_exits_with_1(string line, string message)
    {
        var before = await CountsAsync();
        var (code, output) = await RunAsync(line.Split(' '));
        Assert.Equal(1, code);
        Assert.Contains(message, output, StringComparison.Ordinal);
        Assert.Equal(before, await CountsAsync());
        var (_, list) = await RunAsync("help");
        Assert.Contains("Usage: whuffie", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_taken_slug_or_email_is_refused()
    {
        var slug = await app.CreateOrgAsync();
        var email = $"{WhuffieFactory.Unique("ida")}@example.com";
        Assert.Equal(0, (await RunAsync("user", "create", "--email", email, "--password", "long-enough-1")).Code);

        Assert.Equal((1, $"The slug '{slug}' is already taken."), Trimmed(await RunAsync("org", "create", slug, "--name", "Again")));
        var again = await RunAsync("user", "create", "--email", email, "--password", "long-enough-1");
        Assert.Equal(1, again.Code);
        Assert.Contains("There is already an account for", again.Output, StringComparison.Ordinal);
    }

    private async Task<(int Orgs, int Users, int Memberships)> CountsAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Data.WhuffieDb>();
        return (await db.Organizations.CountAsync(), await db.Users.CountAsync(),
            await db.Memberships.IgnoreQueryFilters().CountAsync());
    }

    private static (int, string) Trimmed((int Code, string Output) result) => (result.Code, result.Output.Trim());

    /// <summary>The published executable itself: `whuffie migrate` on an empty SQLite file, then `help`.</summary>
    [Fact]
    public async Task The_executable_migrates_a_fresh_database()
    {
        var folder = Directory.CreateTempSubdirectory("whuffie-cli-").FullName;
        try
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "whuffie.dll");
            var file = Path.Combine(folder, "cli.db");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
            foreach (var arg in new[] { dll, "migrate" }) start.ArgumentList.Add(arg);
            start.Environment["Database__Provider"] = "Sqlite";
            start.Environment["ConnectionStrings__Whuffie"] = $"Data Source={file}";
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            using var process = Process.Start(start)!;
            var stdout = await process.StandardOutput.ReadToEndAsync();
            var stderr = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();

            Assert.True(process.ExitCode == 0, $"whuffie migrate exited {process.ExitCode}: {stdout} {stderr}");
            Assert.Contains("The database is up to date.", stdout, StringComparison.Ordinal);
            Assert.True(new FileInfo(file).Length > 0);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }
}
