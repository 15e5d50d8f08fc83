using System.Text.RegularExpressions;

namespace Whuffie.BrowserTests.Infrastructure;

/// <summary>
/// Pictures of pages for the docs. With WHUFFIE_SCREENSHOTS=1 they go to docs/screenshots/
/// in the repository, to be committed; otherwise to a temporary folder, so an ordinary
/// test run leaves the working tree alone.
/// </summary>
public static partial class Screenshots
{
    [GeneratedRegex("^[a-z0-9][a-z0-9-]*$")]
    private static partial Regex NamePattern();

    public static bool ForDocs => Environment.GetEnvironmentVariable("WHUFFIE_SCREENSHOTS") == "1";

    public static string Folder => ForDocs
        ? Path.Combine(Repository.Root, "docs", "screenshots")
        : Path.Combine(Path.GetTempPath(), "whuffie-screenshots");

    /// <summary>Saves the whole page as {name}.png and returns the file's path.</summary>
    public static async Task<string> SaveScreenshotAsync(IPage page, string name)
    {
        if (!NamePattern().IsMatch(name))
            throw new ArgumentException($"'{name}' is not a good file name; use lowercase letters, digits and hyphens.", nameof(name));
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }
}
