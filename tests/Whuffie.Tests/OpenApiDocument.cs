using System.Diagnostics;

namespace Whuffie.Tests;

/// <summary>
/// The API's OpenAPI document, checked by a linter nobody here wrote: Redocly's CLI, installed
/// from tests/checkers' lock file, with the rules in tests/checkers/redocly.yaml.
/// </summary>
public sealed class OpenApiDocument(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task The_openapi_document_passes_redoclys_rules()
    {
        var checkers = Path.Combine(RepositoryRoot(), "tests", "checkers");
        var cli = Path.Combine(checkers, "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(cli), $"Redocly's CLI is not at {cli}: run `npm ci` in tests/checkers (./test.sh does).");

        var json = await (await app.CreateClient().GetAsync("/api/v1/openapi.json")).EnsureSuccessStatusCode().Content.ReadAsStringAsync();
        var file = Path.Combine(Path.GetTempPath(), $"whuffie-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, json);
        try
        {
            var (code, output) = await RunAsync("node", cli, "lint", "--config", Path.Combine(checkers, "redocly.yaml"), "--format", "stylish", "--max-problems", "1000", file);
            Assert.True(code == 0, $"redocly lint found problems in /api/v1/openapi.json (kept as {file}):\n{output}");
        }
        catch (Exception e) when (e is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"Could not run Redocly's CLI with node: {e.Message}", e);
        }
        File.Delete(file);
    }

    /// <summary>
    /// What Redocly's operation-4xx-response would ask of every operation, made exact: the list of
    /// organizations cannot fail, so "some 4xx" is not the rule; these answers are.
    /// </summary>
    [Fact]
    public async Task Every_operation_describes_how_it_is_signed_in_and_the_problems_it_answers_with()
    {
        using var doc = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/api/v1/openapi.json"));
        var schemes = doc.RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.True(schemes.TryGetProperty("bearer", out _) && schemes.TryGetProperty("cookie", out _), schemes.ToString());

        var missing = new List<string>();
        foreach (var path in doc.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var op in path.Value.EnumerateObject().Where(o => o.Name != "parameters"))
            {
                var name = $"{op.Name.ToUpperInvariant()} {path.Name}";
                var responses = op.Value.GetProperty("responses");
                bool Has(string status) => responses.TryGetProperty(status, out var r)
                    && r.GetProperty("content").TryGetProperty("application/problem+json", out _);
                if (!op.Value.TryGetProperty("security", out var security) || security.GetArrayLength() == 0) missing.Add($"{name}: no security");
                else if (security.EnumerateArray().All(s => s.EnumerateObject().Any()) && !Has("401")) missing.Add($"{name}: needs sign-in, no 401 problem");
                if (path.Name.Contains("{org}", StringComparison.Ordinal) && !Has("404")) missing.Add($"{name}: no 404 problem for an unknown organization");
                if (op.Value.TryGetProperty("requestBody", out _) && !Has("400")) missing.Add($"{name}: takes a body, no 400 problem");
            }
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    private static async Task<(int Code, string Output)> RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        // Offline and quiet: no telemetry, no update check.
        info.Environment["REDOCLY_TELEMETRY"] = "off";
        info.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(dir, "Whuffie.sln"))) dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("No Whuffie.sln above the test folder.");
        return dir;
    }
}
