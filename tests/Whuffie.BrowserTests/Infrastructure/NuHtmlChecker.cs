using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Whuffie.BrowserTests.Infrastructure;

/// <summary>
/// The Nu Html Checker (vnu.jar from npm's vnu-jar, on Debian's Java) over pages as the server
/// sent them: the W3C's own validator, so "valid HTML" means what it means to everyone else.
/// One Java start per batch of pages, since the start costs more than the checking.
/// </summary>
public static class NuHtmlChecker
{
    private const string Variable = "WHUFFIE_VNU_JAR";

    private const string Missing = "The HTML checks need the Nu Html Checker: run `npm ci` in tests/checkers, set " + Variable +
        " to the absolute path of its node_modules/vnu-jar/build/dist/vnu.jar, and have Java 17 or later on PATH " +
        "(Debian: apt-get install default-jre-headless); ./test.sh does all three.";

    /// <summary>Every error the checker finds, page by page; null when every page is valid.</summary>
    public static async Task<string?> ErrorsAsync(IReadOnlyList<(string Name, string Html)> pages)
    {
        if (pages.Count == 0) return null;
        var jar = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrEmpty(jar)) throw new InvalidOperationException($"{Variable} is not set. {Missing}");
        if (!File.Exists(jar)) throw new InvalidOperationException($"{Variable} is '{jar}', where there is no file. {Missing}");

        var dir = Directory.CreateTempSubdirectory("whuffie-vnu-");
        try
        {
            // The checker names each file by its URL; the page's name is what a failure should say.
            var names = new Dictionary<string, string>();
            for (var i = 0; i < pages.Count; i++)
            {
                names[$"page{i:000}.html"] = pages[i].Name;
                await File.WriteAllTextAsync(Path.Combine(dir.FullName, $"page{i:000}.html"), pages[i].Html);
            }
            var json = await RunAsync(jar, names.Keys.Select(f => Path.Combine(dir.FullName, f)));
            return Report(json, names);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static string? Report(string json, Dictionary<string, string> names)
    {
        using var doc = JsonDocument.Parse(json);
        var errors = doc.RootElement.GetProperty("messages").EnumerateArray()
            .Where(m => m.GetProperty("type").GetString() is "error" or "non-document-error")
            .ToList();
        if (errors.Count == 0) return null;

        var report = new StringBuilder($"The Nu Html Checker found {errors.Count} error(s):");
        foreach (var page in errors.GroupBy(m => m.TryGetProperty("url", out var u) ? u.GetString() ?? "" : ""))
        {
            var name = names.GetValueOrDefault(page.Key[(page.Key.LastIndexOf('/') + 1)..], page.Key);
            report.Append($"\n- {name}");
            foreach (var m in page)
            {
                var line = m.TryGetProperty("lastLine", out var l) ? $"line {l.GetInt32()}: " : "";
                var extract = m.TryGetProperty("extract", out var e) ? $"\n      {e.GetString()?.ReplaceLineEndings(" ").Trim()}" : "";
                report.Append($"\n    {line}{m.GetProperty("message").GetString()}{extract}");
            }
        }
        return report.ToString();
    }

    private static async Task<string> RunAsync(string jar, IEnumerable<string> files)
    {
        var info = new ProcessStartInfo("java") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-jar", jar, "--errors-only", "--format", "json", "--stdout", "--exit-zero-always" }.Concat(files))
            info.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("java did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start java ({e.Message}). {Missing}", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
            var output = await stdout;
            if (process.ExitCode != 0 || !output.TrimStart().StartsWith('{'))
                throw new InvalidOperationException($"vnu.jar exited with {process.ExitCode}:\n{output}\n{await stderr}\n{Missing}");
            return output;
        }
    }
}
