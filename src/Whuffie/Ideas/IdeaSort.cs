namespace Whuffie.Ideas;

/// <summary>The list's sorts, in the order the list page offers them (see docs/lists.md).</summary>
public enum IdeaSort
{
    Top,
    New,
    Discussed,
    Trending,

    /// <summary>Best match first: only with a search query (q), and paged by page number, as a score has no cursor.</summary>
    Relevance,
}
