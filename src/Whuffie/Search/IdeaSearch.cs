using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Whuffie.Data;

namespace Whuffie.Search;

/// <summary>
/// A search query read in each of the organization's languages: "biblioteker" is "bibliotek" in Danish and
/// Norwegian and stays "biblioteker" in English, and an idea matches when all its terms in one language do.
/// Only letters and digits reach the databases, so quotes, asterisks, NEAR or colons are words or nothing,
/// never syntax.
/// </summary>
public sealed record SearchQuery(string Words, IReadOnlyList<string> Languages, IReadOnlyList<IReadOnlyList<string>> TermsPerLanguage)
{
    public const int MaxLength = 10_000;

    public bool IsEmpty => TermsPerLanguage.All(t => t.Count == 0);

    public static SearchQuery Parse(string text, IReadOnlyList<string> languages)
    {
        var words = TextAnalysis.Words(text, TextAnalysis.MaxQueryWords);
        var terms = languages.Select(l => (IReadOnlyList<string>)words.Where(w => !TextAnalysis.IsStopWord(w, l))
            .Select(w => TextAnalysis.Stem(w, l)).Distinct(StringComparer.Ordinal).ToList()).ToList();
        return new SearchQuery(string.Join(' ', words), languages, terms);
    }

    /// <summary>Every term of every language, for highlighting and for the similar-ideas candidates.</summary>
    public IEnumerable<string> AllTerms => TermsPerLanguage.SelectMany(t => t).Distinct(StringComparer.Ordinal);

    /// <summary>FTS5's query: ("a" AND "b") OR ("c" AND "d"), one group per language, each term a quoted string.</summary>
    public string Fts5() => string.Join(" OR ", TermsPerLanguage.Where(t => t.Count > 0)
        .Select(t => "(" + string.Join(" AND ", t.Select(Quote)) + ")").Distinct(StringComparer.Ordinal));

    public static string Quote(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>Full-text search and the candidates for similar ideas, on whichever database runs.</summary>
public static class IdeaSearch
{
    /// <summary>A search shows at most this many of its best matches; the filters and sorts work inside them.</summary>
    public const int MaxMatches = 1_000;


    /// <summary>
    /// The ids of the ideas that match, best first: those whose title holds the whole query, then those whose
    /// text does, then the rest (matched with the help of comments); within each, by the databases' own
    /// relevance (FTS5's bm25 with column weights 10/3/1, PostgreSQL's ts_rank over weights A/B/C), then newest.
    /// The tiers come first because bm25's word rarity says nothing in a small organization, where a word in
    /// most ideas weighs nothing, and so that both databases agree on the order.
    /// </summary>
    public static async Task<List<int>> MatchAsync(WhuffieDb db, SearchQuery query, int limit, CancellationToken ct)
    {
        if (query.IsEmpty) return [];
        var org = db.Tenant.Current.Id;
        if (db.Database.IsNpgsql())
        {
            // The tiers ask the index the same question with the words limited to the title's weight (A), then to
            // the title's and body's (A, B): a plain @@ per row, where ts_filter would copy every vector.
            return await QueryIdsAsync(db, $"""
                SELECT i."Id" FROM "Ideas" AS i, ({PostgresQuery(query)}) AS q(query), ({PostgresQuery(query, "A")}) AS t(query),
                       ({PostgresQuery(query, "AB")}) AS x(query)
                WHERE i."OrganizationId" = @org AND i."SearchVector" @@ q.query
                ORDER BY i."SearchVector" @@ t.query DESC, i."SearchVector" @@ x.query DESC,
                         ts_rank(i."SearchVector", q.query) DESC, i."Number" DESC
                LIMIT @limit
                """, ct, ("org", org), ("words", query.Words), ("limit", limit),
                ("A", string.Join(" & ", query.Words.Split(' ').Select(w => w + ":A"))),
                ("AB", string.Join(" & ", query.Words.Split(' ').Select(w => w + ":AB"))));
        }
        var (from, to) = SearchIndex.KeyRange(org);
        var match = query.Fts5();
        return await QueryIdsAsync(db, """
            SELECT rowid & 4294967295 FROM "SearchIdeas"
            WHERE "SearchIdeas" MATCH @match AND rowid BETWEEN @from AND @to
            ORDER BY rowid IN (SELECT rowid FROM "SearchIdeas" WHERE "SearchIdeas" MATCH @title AND rowid BETWEEN @from AND @to) DESC,
                     rowid IN (SELECT rowid FROM "SearchIdeas" WHERE "SearchIdeas" MATCH @text AND rowid BETWEEN @from AND @to) DESC,
                     bm25("SearchIdeas", 10.0, 3.0, 1.0), rowid DESC
            LIMIT @limit
            """, ct, ("match", match), ("title", "{Title} : (" + match + ")"), ("text", "{Title Body} : (" + match + ")"),
            ("from", from), ("to", to), ("limit", limit));
    }

    /// <summary>
    /// Ideas that may be the same as a title being typed: those whose titles share words, stems or pieces of
    /// words with it (the pieces catch compounds stemming misses, and words typed halfway). The caller ranks them.
    /// </summary>
    public static async Task<List<int>> SimilarCandidatesAsync(WhuffieDb db, string title, SearchQuery query, int limit, CancellationToken ct)
    {
        // Each stem (in every language) and each word, as a piece of a title: the trigram indexes find "parker"
        // inside "cykelparkering" and "bibliot" inside "hovedbiblioteket". Whole stems are far rarer than single
        // trigrams, which are in nearly every title. A stop word of any of the languages ("the" is no Danish
        // word, but it is in every English title) is left out. Pieces are letters and digits only (no % or _).
        var pieces = query.AllTerms.Concat(TextAnalysis.Words(title, TextAnalysis.MaxQueryWords))
            .Where(t => t.Length >= 3 && !query.Languages.Any(l => TextAnalysis.IsStopWord(t, l)))
            .Distinct(StringComparer.Ordinal).OrderBy(t => t.Length).ToList();
        // A title holding "open" holds it whether "opening" is asked for too: only the shortest pieces are kept,
        // as the stems of five languages are mostly the same word cut at different places.
        pieces = pieces.Where((t, i) => !pieces.Take(i).Any(shorter => t.Contains(shorter, StringComparison.Ordinal))).ToList();
        if (pieces.Count == 0) return [];
        var org = db.Tenant.Current.Id;
        if (db.Database.IsNpgsql())
        {
            // pg_trgm's GIN index answers each ILIKE '%piece%'; the best by similarity to the whole title come first.
            var like = string.Join(" OR ", pieces.Select((_, i) => $"""i."Title" ILIKE @p{i}"""));
            var parameters = pieces.Select((p, i) => ($"p{i}", (object)$"%{p}%"))
                .Append(("org", org)).Append(("title", string.Join(' ', TextAnalysis.Words(title, 64)))).Append(("limit", limit));
            return await QueryIdsAsync(db, $"""
                SELECT i."Id" FROM "Ideas" AS i WHERE i."OrganizationId" = @org AND ({like})
                ORDER BY similarity(i."Title", @title) DESC, i."Number" DESC LIMIT @limit
                """, ct, [.. parameters]);
        }
        var (from, to) = SearchIndex.KeyRange(org);
        return await QueryIdsAsync(db, """
            SELECT rowid & 4294967295 FROM "SearchTitles" WHERE "SearchTitles" MATCH @pieces AND rowid BETWEEN @from AND @to
            ORDER BY bm25("SearchTitles") LIMIT @limit
            """, ct, ("pieces", string.Join(" OR ", pieces.Select(SearchQuery.Quote))), ("from", from), ("to", to), ("limit", limit));
    }

    /// <summary>
    /// The tsquery of every language ORed. Each drops the language's stop words and stems the rest with the
    /// configuration the index used, and ANDs the words; with <paramref name="weights"/>, each word only
    /// matches in those parts of the idea (to_tsquery's word:A; safe to hand our words to, as they are letters
    /// and digits only, see <see cref="TextAnalysis.Words"/>).
    /// </summary>
    private static string PostgresQuery(SearchQuery query, string? weights = null) =>
        "SELECT " + string.Join(" || ", query.Languages.Select(l => weights is null
            ? $"plainto_tsquery('{TextAnalysis.PostgresConfiguration(l)}', @words)"
            : $"to_tsquery('{TextAnalysis.PostgresConfiguration(l)}', @{weights})"));

    private static async Task<List<int>> QueryIdsAsync(WhuffieDb db, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            foreach (var (name, value) in parameters)
            {
                if (!sql.Contains("@" + name, StringComparison.Ordinal)) continue;
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
            var ids = new List<int>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) ids.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
            return ids.Distinct().ToList();
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }
}
