namespace Whuffie.BrowserTests.Infrastructure;

/// <summary>The checkout the tests run from: for docs/screenshots and the texts in Web/Strings*.resx.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Whuffie.sln"))) return dir.FullName;
        throw new InvalidOperationException($"No Whuffie.sln above {AppContext.BaseDirectory}; cannot find the repository.");
    }
}
