using System.Globalization;
using System.Text;
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
    public string Fts5(string joiner = " AND ") => string.Join(" OR ", TermsPerLanguage.Where(t => t.Count > 0)
        .Select(t => "(" + string.Join(joiner, t.Select(Quote)) + ")").Distinct(StringComparer.Ordinal));

    public static string Quote(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>Full-text search and the candidates for similar ideas, on whichever database runs.</summary>
public static class IdeaSearch
{
    /// <summary>A search shows at most this many of its best matches; the filters and sorts work inside them.</summary>
    public const int MaxMatches = 1_000;

    // The weights SearchIndex gives: A for the title, B for the body (C for comments).
    private const string TitleWeight = "'{a}'";
    private const string TextWeights = "'{a,b}'";

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
            var tsquery = PostgresQuery(query);
            return await QueryIdsAsync(db, $"""
                SELECT i."Id" FROM "Ideas" AS i, ({tsquery}) AS q(query)
                WHERE i."OrganizationId" = @org AND i."SearchVector" @@ q.query
                ORDER BY ts_filter(i."SearchVector", {TitleWeight}) @@ q.query DESC, ts_filter(i."SearchVector", {TextWeights}) @@ q.query DESC,
                         ts_rank(i."SearchVector", q.query) DESC, i."Number" DESC
                LIMIT @limit
                """, ct, ("org", org), ("words", query.Words), ("limit", limit));
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
    /// Ideas that may be the same as a title being typed: those sharing any term with it, and those sharing
    /// pieces of words (trigrams) with it, which catch compounds stemming misses. The caller ranks them.
    /// </summary>
    public static async Task<List<int>> SimilarCandidatesAsync(WhuffieDb db, string title, SearchQuery query, int limit, CancellationToken ct)
    {
        var org = db.Tenant.Current.Id;
        if (db.Database.IsNpgsql())
        {
            // pg_trgm's % uses the GIN index; its default threshold (0.3) misses a title typed halfway. The title
            // goes as its words: pg_trgm ignores the rest anyway, and PostgreSQL refuses text with a NUL in it.
            var tsquery = PostgresQuery(query, any: true);
            return await QueryIdsAsync(db, $"""
                SELECT set_config('pg_trgm.similarity_threshold', '0.15', false);
                (SELECT i."Id" FROM "Ideas" AS i WHERE i."OrganizationId" = @org AND i."Title" % @title
                 ORDER BY similarity(i."Title", @title) DESC LIMIT @limit)
                UNION
                (SELECT i."Id" FROM "Ideas" AS i, ({tsquery}) AS q(query)
                 WHERE i."OrganizationId" = @org AND i."SearchVector" @@ q.query
                 ORDER BY ts_rank(i."SearchVector", q.query) DESC LIMIT @limit)
                """, ct, ("org", org), ("title", string.Join(' ', TextAnalysis.Words(title, 64))), ("words", string.Join(" | ", query.Words.Split(' '))), ("limit", limit));
        }
        var (from, to) = SearchIndex.KeyRange(org);
        var trigrams = string.Join(" OR ", Trigrams.InsideWords(title, max: 48).Select(SearchQuery.Quote));
        var terms = query.IsEmpty ? "" : query.Fts5(" OR ");
        var sql = new StringBuilder();
        if (trigrams.Length > 0)
            sql.Append("""SELECT * FROM (SELECT rowid & 4294967295 FROM "SearchTitles" WHERE "SearchTitles" MATCH @trigrams AND rowid BETWEEN @from AND @to ORDER BY bm25("SearchTitles") LIMIT @limit)""");
        if (trigrams.Length > 0 && terms.Length > 0) sql.Append(" UNION ");
        if (terms.Length > 0)
            sql.Append("""SELECT * FROM (SELECT rowid & 4294967295 FROM "SearchIdeas" WHERE "SearchIdeas" MATCH @terms AND rowid BETWEEN @from AND @to ORDER BY bm25("SearchIdeas", 10.0, 3.0, 0.0) LIMIT @limit)""");
        if (sql.Length == 0) return [];
        return await QueryIdsAsync(db, sql.ToString(), ct, ("trigrams", trigrams), ("terms", "{Title Body} : (" + terms + ")"),
            ("from", from), ("to", to), ("limit", limit));
    }

    /// <summary>
    /// The tsquery of every language ORed. Each drops the language's stop words and stems the rest with the
    /// configuration the index used; plainto_tsquery ANDs the words, and for candidates to_tsquery ORs them
    /// (safe to hand words to: they are letters and digits only, see <see cref="TextAnalysis.Words"/>).
    /// </summary>
    private static string PostgresQuery(SearchQuery query, bool any = false) =>
        "SELECT " + string.Join(" || ", query.Languages.Select(l =>
            $"{(any ? "to_tsquery" : "plainto_tsquery")}('{TextAnalysis.PostgresConfiguration(l)}', @words)"));

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
            do
            {
                // A set_config before the query answers with a text row; the ids are the integer rows.
                while (await reader.ReadAsync(ct))
                    if (reader.GetFieldType(0) != typeof(string)) ids.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
            } while (await reader.NextResultAsync(ct));
            return ids.Distinct().ToList();
        }
        finally
        {
            if (opened) await db.Database.CloseConnectionAsync();
        }
    }
}
