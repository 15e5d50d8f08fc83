using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Search;

public sealed record SimilarIdea(int Number, string Title, IdeaStatus Status, int VoteCount, int CommentCount, string Url, double Score);

/// <summary>
/// Ideas that look like the one being written, so people vote for an existing idea instead of posting it
/// again. The databases find candidates (any shared term, or shared word pieces); they are ranked here, the
/// same on both databases, by how much of the typed title they cover:
/// score = ½ · share of the title's terms in the candidate's title (best language)
///       + ⅓ · share of the title's trigrams in the candidate's title + ⅙ · trigram similarity (pg_trgm's).
/// Merged duplicates are left out: their original is the one to vote for.
/// </summary>
public static class SimilarIdeas
{
    public const int Take = 5;
    public const double MinScore = 0.2;
    private const int Candidates = 30;

    public static void MapSimilarIdeasApi(this RouteGroupBuilder org) =>
        org.MapGet("/ideas/similar", ApiAsync).WithTags("Ideas").RequireRateLimiting(Limits.RateLimits.Similar);

    private static async Task<Results<Ok<List<SimilarIdea>>, ValidationProblem>> ApiAsync(string? title, WhuffieDb db, CancellationToken ct)
    {
        // Like a search: only letters and digits count, so any other character is harmless here.
        if (string.IsNullOrWhiteSpace(title)) return new Validation().Add("title", T("Validation.Required")).ToProblem();
        if (title.Length > SearchQuery.MaxLength)
            return new Validation().Add("title", T("Validation.TooLong", SearchQuery.MaxLength, title.Length)).ToProblem();
        return TypedResults.Ok(await FindAsync(db, title!, ct));
    }

    public static async Task<List<SimilarIdea>> FindAsync(WhuffieDb db, string title, CancellationToken ct)
    {
        var org = db.Tenant.Current;
        var query = SearchQuery.Parse(title, org.WritingLanguages);
        var ids = await IdeaSearch.SimilarCandidatesAsync(db, title, query, Candidates, ct);
        if (ids.Count == 0) return [];
        var rows = await db.Ideas.AsNoTracking().Where(i => ids.Contains(i.Id) && i.Status != IdeaStatus.Duplicate)
            .Select(i => new { i.Number, i.Title, i.Status, i.VoteCount, i.CommentCount }).ToListAsync(ct);

        var typed = Trigrams.Of(title);
        return rows.Select(r =>
            {
                var theirs = Trigrams.Of(r.Title);
                var score = TermShare(query, r.Title) / 2 + Trigrams.Coverage(typed, theirs) / 3 + Trigrams.Similarity(typed, theirs) / 6;
                return new SimilarIdea(r.Number, r.Title, r.Status, r.VoteCount, r.CommentCount,
                    IdeaRow.IdeaUrl(org.Slug, r.Number, r.Title), Math.Round(score, 3));
            })
            .Where(s => s.Score >= MinScore)
            .OrderByDescending(s => s.Score).ThenByDescending(s => s.VoteCount).ThenByDescending(s => s.Number)
            .Take(Take).ToList();
    }

    /// <summary>The share of the query's terms found among the title's terms, in the language where most are.</summary>
    private static double TermShare(SearchQuery query, string title)
    {
        var best = 0.0;
        for (var l = 0; l < query.Languages.Count; l++)
        {
            var wanted = query.TermsPerLanguage[l];
            if (wanted.Count == 0) continue;
            var theirs = TextAnalysis.Terms(title, query.Languages[l]).ToHashSet(StringComparer.Ordinal);
            best = Math.Max(best, (double)wanted.Count(theirs.Contains) / wanted.Count);
        }
        return best;
    }
}
