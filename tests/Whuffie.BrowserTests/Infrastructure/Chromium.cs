namespace Whuffie.BrowserTests.Infrastructure;

/// <summary>
/// Where the browser comes from: Debian's chromium package, never a download by Playwright.
/// WHUFFIE_CHROMIUM points elsewhere (another chromium-based binary) when needed.
/// </summary>
public static class Chromium
{
    public const string DefaultPath = "/usr/bin/chromium";

    public static string ExecutablePath
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("WHUFFIE_CHROMIUM");
            var path = string.IsNullOrWhiteSpace(configured) ? DefaultPath : configured;
            if (!File.Exists(path))
                throw new InvalidOperationException(
                    $"Chromium was not found at {path}. The browser tests drive Debian's chromium: " +
                    "install it with 'apt-get install chromium' (./test.sh does so when run as root), " +
                    "or set WHUFFIE_CHROMIUM to a Chromium executable.");
            return path;
        }
    }
}
