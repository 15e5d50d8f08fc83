using System.Globalization;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using static Whuffie.Web.Text;

namespace Whuffie.Web;

/// <summary>One page of a list; "page" in JSON, like the query parameter.</summary>
public sealed record Page<T>(List<T> Items, [property: JsonPropertyName("page")] int PageNumber, int PageSize, bool HasMore);

/// <summary>page (1-based) and pageSize from the query string; anything else is a 400, not a guess.</summary>
public readonly record struct Paging(int Page, int PageSize)
{
    public const int MaxPage = 10_000;

    public static Paging Parse(IQueryCollection query, Validation validation, int defaultSize = 20, int maxSize = 100)
    {
        var page = ParseInt(query, "page", 1, 1, MaxPage, validation);
        var size = ParseInt(query, "pageSize", defaultSize, 1, maxSize, validation);
        return new Paging(page, size);
    }

    /// <summary>Fetches one row more than asked to learn whether another page exists, without a COUNT.</summary>
    public async Task<Page<T>> ToPageAsync<T>(IQueryable<T> query, CancellationToken ct) =>
        ToPage(await Window(query).ToListAsync(ct));

    /// <summary>This page's rows and one more (see <see cref="ToPage"/>).</summary>
    public IQueryable<T> Window<T>(IQueryable<T> query) => query.Skip(Offset).Take(Fetch);

    /// <summary>How many rows come before this page.</summary>
    public int Offset => (Page - 1) * PageSize;

    /// <summary>How many rows to fetch: the page and one more, to learn whether another page exists.</summary>
    public int Fetch => PageSize + 1;

    /// <summary>The page from the rows <see cref="Window"/> fetched: the extra row only says that another page exists.</summary>
    public Page<T> ToPage<T>(List<T> rows)
    {
        var hasMore = rows.Count > PageSize;
        if (hasMore) rows.RemoveAt(PageSize);
        return new Page<T>(rows, Page, PageSize, hasMore);
    }

    private static int ParseInt(IQueryCollection query, string key, int fallback, int min, int max, Validation validation)
    {
        if (!query.TryGetValue(key, out var values)) return fallback;
        if (values.Count == 1 && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max)
            return n;
        validation.Add(key, T("Paging.Range", min, max));
        return fallback;
    }
}

public static class QueryStrings
{
    /// <summary>A misspelt parameter would otherwise be silently ignored and return the wrong list.</summary>
    public static void RejectUnknown(IQueryCollection query, Validation validation, params string[] allowed)
    {
        foreach (var key in query.Keys)
            if (!allowed.Contains(key, StringComparer.Ordinal))
                validation.Add(key, T("Query.Unknown", key, string.Join(", ", allowed)));
    }
}
