namespace Whuffie.Ideas;

/// <summary>An idea's place on its way from idea to realization.</summary>
public enum IdeaStatus
{
    Open,
    UnderReview,
    Planned,
    InProgress,
    Launched,
    Declined,
    Duplicate,
}

/// <summary>The one spelling of a status used in the API, the database and URLs: snake_case.</summary>
public static class IdeaStatuses
{
    private static readonly Dictionary<IdeaStatus, string> Names = new()
    {
        [IdeaStatus.Open] = "open",
        [IdeaStatus.UnderReview] = "under_review",
        [IdeaStatus.Planned] = "planned",
        [IdeaStatus.InProgress] = "in_progress",
        [IdeaStatus.Launched] = "launched",
        [IdeaStatus.Declined] = "declined",
        [IdeaStatus.Duplicate] = "duplicate",
    };

    private static readonly Dictionary<string, IdeaStatus> ByName =
        Names.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> All => Names.Values;

    public static string ToName(this IdeaStatus status) => Names[status];

    /// <summary>The status as people read it, in the request's language.</summary>
    public static string Label(this IdeaStatus status) => Web.Text.T("Status." + status);

    public static bool TryParse(string? name, out IdeaStatus status) =>
        ByName.TryGetValue(name?.Trim().ToLowerInvariant() ?? "", out status);

    public static IdeaStatus Parse(string name) =>
        ByName.TryGetValue(name, out var status) ? status : throw new FormatException($"Unknown idea status '{name}'.");
}
