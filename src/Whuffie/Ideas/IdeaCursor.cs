using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Ideas;

/// <summary>
/// A position in an idea list: the sort key and number of the row a page ended (or began) at,
/// handed out as an opaque string. "The 20 ideas after this one" is then a seek in the sort's
/// index (OrganizationId, key, Number) and 20 rows read, at any depth; an offset would read and
/// throw away every row before the page. Rows that move while someone pages (a vote arrives)
/// neither repeat nor push others off, since the next page starts from a key, not a count.
/// </summary>
/// <param name="Sort">The sort the cursor was made for; it means nothing in another.</param>
/// <param name="Key">The sort's key: votes, comments, the number, or the trend score's IEEE bits (exact, unlike its decimal text).</param>
/// <param name="Number">The idea's number, which breaks ties.</param>
public readonly record struct IdeaCursor(IdeaSort Sort, long Key, int Number)
{
    // A sort marker, the key and the number: 13 bytes, 18 characters of base64url.
    private const int Bytes = 1 + 8 + 4;
    private const int Chars = 18;

    internal static IdeaCursor At(IdeaSort sort, IdeaQueries.Listed row) => new(sort, sort switch
    {
        IdeaSort.Top => row.VoteCount,
        IdeaSort.Discussed => row.CommentCount,
        IdeaSort.Trending => BitConverter.DoubleToInt64Bits(row.TrendScore),
        _ => row.Number,
    }, row.Number);

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Bytes];
        bytes[0] = Marker(Sort);
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], Key);
        BinaryPrimitives.WriteInt32BigEndian(bytes[9..], Number);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>The cursor in <paramref name="key"/>, if given; one that is not ours, or is another sort's, is a 400.</summary>
    public static IdeaCursor? Parse(IQueryCollection query, string key, IdeaSort sort, Validation validation)
    {
        if (!query.TryGetValue(key, out var values)) return null;
        if (values.Count == 1 && TryParse(values[0], sort, out var cursor)) return cursor;
        validation.Add(key, T("Paging.BadCursor"));
        return null;
    }

    public static bool TryParse(string? text, IdeaSort sort, out IdeaCursor cursor)
    {
        cursor = default;
        Span<byte> bytes = stackalloc byte[Bytes];
        if (text is not { Length: Chars }
            || Base64Url.DecodeFromChars(text, bytes, out _, out var written) != OperationStatus.Done
            || written != Bytes || bytes[0] != Marker(sort))
            return false;
        cursor = new IdeaCursor(sort, BinaryPrimitives.ReadInt64BigEndian(bytes[1..]), BinaryPrimitives.ReadInt32BigEndian(bytes[9..]));
        // Only the spelling we hand out (the decoder forgives stray bits), and only keys a row can have:
        // an int for counts, a finite score (NaN compares differently on each database).
        return cursor.ToString() == text && cursor.Sort switch
        {
            IdeaSort.Top or IdeaSort.Discussed => cursor.Key is >= int.MinValue and <= int.MaxValue,
            IdeaSort.Trending => double.IsFinite(BitConverter.Int64BitsToDouble(cursor.Key)),
            _ => cursor.Key == cursor.Number,
        };
    }

    /// <summary>
    /// The rows after this one in the list's order (descending key, then number). Written as
    /// key ≤ k AND (key &lt; k OR Number &lt; n) rather than the plain OR: the first term is a
    /// range both SQLite and PostgreSQL seek to in the index, the second only drops the ties
    /// at the boundary that came before. (EF has no row-value comparison for SQLite.)
    /// </summary>
    public IQueryable<Idea> Following(IQueryable<Idea> ideas)
    {
        var (key, n) = (Key, Number);
        switch (Sort)
        {
            case IdeaSort.Top:
                var votes = (int)key;
                return ideas.Where(i => i.VoteCount <= votes && (i.VoteCount < votes || i.Number < n));
            case IdeaSort.Discussed:
                var comments = (int)key;
                return ideas.Where(i => i.CommentCount <= comments && (i.CommentCount < comments || i.Number < n));
            case IdeaSort.Trending:
                var score = BitConverter.Int64BitsToDouble(key);
                return ideas.Where(i => i.TrendScore <= score && (i.TrendScore < score || i.Number < n));
            default:
                return ideas.Where(i => i.Number < n);
        }
    }

    /// <summary>The rows before this one in the list's order: the mirror of <see cref="Following"/>.</summary>
    public IQueryable<Idea> Preceding(IQueryable<Idea> ideas)
    {
        var (key, n) = (Key, Number);
        switch (Sort)
        {
            case IdeaSort.Top:
                var votes = (int)key;
                return ideas.Where(i => i.VoteCount >= votes && (i.VoteCount > votes || i.Number > n));
            case IdeaSort.Discussed:
                var comments = (int)key;
                return ideas.Where(i => i.CommentCount >= comments && (i.CommentCount > comments || i.Number > n));
            case IdeaSort.Trending:
                var score = BitConverter.Int64BitsToDouble(key);
                return ideas.Where(i => i.TrendScore >= score && (i.TrendScore > score || i.Number > n));
            default:
                return ideas.Where(i => i.Number > n);
        }
    }

    /// <summary>Sorted by the sort's key and then the number, which breaks ties so every row has one place.</summary>
    public static IOrderedQueryable<Idea> Order(IQueryable<Idea> ideas, IdeaSort sort, bool reversed = false) => (sort, reversed) switch
    {
        (IdeaSort.Top, false) => ideas.OrderByDescending(i => i.VoteCount).ThenByDescending(i => i.Number),
        (IdeaSort.Top, true) => ideas.OrderBy(i => i.VoteCount).ThenBy(i => i.Number),
        (IdeaSort.Discussed, false) => ideas.OrderByDescending(i => i.CommentCount).ThenByDescending(i => i.Number),
        (IdeaSort.Discussed, true) => ideas.OrderBy(i => i.CommentCount).ThenBy(i => i.Number),
        (IdeaSort.Trending, false) => ideas.OrderByDescending(i => i.TrendScore).ThenByDescending(i => i.Number),
        (IdeaSort.Trending, true) => ideas.OrderBy(i => i.TrendScore).ThenBy(i => i.Number),
        (_, false) => ideas.OrderByDescending(i => i.Number),
        (_, true) => ideas.OrderBy(i => i.Number),
    };

    // Fixed letters, not the enum's values, so reordering the enum cannot change what old cursors mean.
    private static byte Marker(IdeaSort sort) => sort switch
    {
        IdeaSort.Top => (byte)'t',
        IdeaSort.New => (byte)'n',
        IdeaSort.Trending => (byte)'r',
        IdeaSort.Discussed => (byte)'d',
        _ => throw new ArgumentOutOfRangeException(nameof(sort)),
    };
}
