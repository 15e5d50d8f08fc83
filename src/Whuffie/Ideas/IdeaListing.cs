using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Whuffie.Categories;
using Whuffie.Data;
using Whuffie.Search;

namespace Whuffie.Ideas;

/// <summary>
/// One page of an idea list. <see cref="Next"/> and <see cref="Previous"/> are cursors for
/// after= and before= (null at the ends); <see cref="Page"/> is the offset page when one was
/// asked for, null when the page was reached by a cursor (its depth is not counted).
/// <see cref="HasMore"/> says the same as a non-null <see cref="Next"/>, for older clients.
/// </summary>
public sealed record IdeaListing(List<IdeaSummary> Items, int? Page, int PageSize, bool HasMore, string? Next, string? Previous)
{
    /// <summary>The page the filter asks for, fetching one row more than shown to learn whether the list goes on.</summary>
    public static async Task<IdeaListing> ForAsync(WhuffieDb db, IdeaFilter filter, IReadOnlyList<CategoryEntry> categories, CancellationToken ct)
    {
        var ideas = filter.Where(db.Ideas.AsNoTracking(), categories);
        if (filter.Query is { } text)
        {
            // A search narrows the list to its best matches; every sort and filter works inside them.
            var matches = await IdeaSearch.MatchAsync(db, SearchQuery.Parse(text, db.Tenant.Current.WritingLanguages), IdeaSearch.MaxMatches, ct);
            ideas = ideas.Where(i => matches.Contains(i.Id));
            if (filter.Sort == IdeaSort.Relevance) return await ByRelevanceAsync(db, ideas, matches, filter, categories, ct);
        }
        var (sort, size) = (filter.Sort, filter.Paging.PageSize);
        List<IdeaQueries.Listed> rows;
        bool hasNext, hasPrevious;
        if (filter.Before is { } before)
        {
            // Read backwards from the cursor, then turn the rows round into the list's order.
            rows = await IdeaCursor.Order(before.Preceding(ideas), sort, reversed: true).ListedAsync(0, size + 1, ct);
            hasPrevious = Trim(rows, size);
            rows.Reverse();
            hasNext = true; // the row the cursor was made from comes next
        }
        else if (filter.After is { } after)
        {
            rows = await IdeaCursor.Order(after.Following(ideas), sort).ListedAsync(0, size + 1, ct);
            hasNext = Trim(rows, size);
            hasPrevious = true; // the row the cursor was made from came before
        }
        else
        {
            rows = await IdeaCursor.Order(ideas, sort).ListedAsync(filter.Paging.Offset, size + 1, ct);
            hasNext = Trim(rows, size);
            hasPrevious = filter.Paging.Page > 1;
        }

        // An empty page (the list shrank under a cursor) offers no way on from rows it does not have.
        var next = hasNext && rows.Count > 0 ? IdeaCursor.At(sort, rows[^1]).ToString() : null;
        var previous = hasPrevious && rows.Count > 0 ? IdeaCursor.At(sort, rows[0]).ToString() : null;
        var items = await db.SummariesAsync(rows, categories, ct);
        var page = filter.After is null && filter.Before is null ? filter.Paging.Page : (int?)null;
        return new IdeaListing(items, page, size, next is not null, next, previous);
    }

    /// <summary>
    /// The addresses of the pages before and after this one (null at the ends), keeping the other parameters of
    /// <paramref name="query"/>: by cursor, or by page number for best match first, which has no cursor.
    /// </summary>
    public (string? Previous, string? Next) Links(string path, IQueryCollection query, IdeaFilter filter)
    {
        var kept = query.Where(q => q.Key is not ("page" or "after" or "before"))
            .Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value.ToString())}").ToList();
        string Link(string key, object value) =>
            path + "?" + string.Join("&", kept.Append(string.Create(CultureInfo.InvariantCulture, $"{key}={value}")));
        if (filter.Sort == IdeaSort.Relevance && Page is { } page)
            return (page > 1 ? Link("page", page - 1) : null, HasMore ? Link("page", page + 1) : null);
        return (Previous is { } previous ? Link("before", previous) : null, Next is { } next ? Link("after", next) : null);
    }

    /// <summary>Best match first: the filtered matches' ids in the search's order, then the page's rows.</summary>
    private static async Task<IdeaListing> ByRelevanceAsync(WhuffieDb db, IQueryable<Idea> ideas, List<int> matches,
        IdeaFilter filter, IReadOnlyList<CategoryEntry> categories, CancellationToken ct)
    {
        // Without a filter every match is kept (ideas are never deleted); with one, the filtered matches are
        // read first (a search keeps at most MaxMatches, so that stays small).
        var size = filter.Paging.PageSize;
        var kept = filter.Statuses.Count == 0 && filter.Category is null ? matches
            : (await ideas.Select(i => i.Id).ToListAsync(ct)).ToHashSet() is var ids ? matches.Where(ids.Contains).ToList() : [];
        var window = kept.Skip(filter.Paging.Offset).Take(size + 1).ToList();
        var hasMore = window.Count > size;
        if (hasMore) window.RemoveAt(size);
        var listed = await db.Ideas.AsNoTracking().Where(i => window.Contains(i.Id)).OrderBy(i => i.Number).ListedAsync(0, size, ct);
        listed = [.. listed.OrderBy(l => window.IndexOf(l.Id))];
        return new IdeaListing(await db.SummariesAsync(listed, categories, ct), filter.Paging.Page, size, hasMore, null, null);
    }

    /// <summary>Drops the extra row fetched past the page; true when there was one.</summary>
    private static bool Trim(List<IdeaQueries.Listed> rows, int size)
    {
        if (rows.Count <= size) return false;
        rows.RemoveAt(size);
        return true;
    }
}
