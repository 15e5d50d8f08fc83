using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Launches;

public sealed record HelpRequest(string? Answer, string? Comment);

/// <summary>The answers so far, and the viewer's own (null: none, or not signed in); <see cref="CanAnswer"/>: the viewer is asked and has not answered.</summary>
public sealed record HelpSummary(int Yes, int Partly, int No, string? Mine, bool CanAnswer)
{
    public int Total => Yes + Partly + No;
}

/// <summary>
/// "Did it help?": the question the organization asks after a launch. Only a launched idea is
/// asked about, only of the people who took part in it, and each answers once: the result
/// then says something about the people the idea was for, not about whoever passes by.
/// </summary>
public static class HelpAnswers
{
    public static void MapHelpApi(this RouteGroupBuilder org)
    {
        var helped = org.MapGroup("/ideas/{number:int}/helped").WithTags("Launches");
        helped.MapGet("", GetAsync);
        helped.MapPost("", AnswerAsync).RequireAuthorization();
    }

    private static async Task<Results<Ok<HelpSummary>, ProblemHttpResult>> GetAsync(int number, HttpContext http, WhuffieDb db, CancellationToken ct)
    {
        var idea = await db.FindAsync(number, ct);
        return idea is null ? Problems.NotFound(db.NotFoundText(number)) : TypedResults.Ok(await SummaryAsync(db, idea, http.User.UserId(), ct));
    }

    internal static async Task<Results<Ok<HelpSummary>, ValidationProblem, ProblemHttpResult>> AnswerAsync(
        int number, HelpRequest request, HttpContext http, WhuffieDb db, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation().OptionalText("comment", request.Comment, HelpAnswer.CommentMaxLength);
        if (!Names.TryParse<Helped>(request.Answer, out var answer)) validation.Add("answer", T("Helped.UnknownAnswer"));
        if (!validation.IsValid) return validation.ToProblem();

        var idea = await db.FindAsync(number, ct);
        if (idea is null) return Problems.NotFound(db.NotFoundText(number));
        if (idea.Status != IdeaStatus.Launched) return Problems.Conflict(T("Helped.NotLaunched", number));
        var userId = http.User.UserId()!.Value;
        if (!await IsAskedAsync(db, idea, userId, ct)) return Problems.Forbidden(T("Helped.NotAsked", number));

        var orgId = db.Tenant.Current.Id;
        var now = clock.GetUtcNow().UtcDateTime;
        var comment = request.Comment?.Trim() ?? "";
        var name = answer.ToString();
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "HelpAnswers" ("OrganizationId", "IdeaId", "UserId", "Answer", "Comment", "At") VALUES ({orgId}, {idea.Id}, {userId}, {name}, {comment}, {now}) ON CONFLICT DO NOTHING""",
            ct);
        if (inserted == 0) return Problems.Conflict(T("Helped.Already", number));
        return TypedResults.Ok(await SummaryAsync(db, idea, userId, ct));
    }

    /// <summary>Those who submitted, voted on or follow the idea are the ones it was for.</summary>
    private static async Task<bool> IsAskedAsync(WhuffieDb db, Idea idea, int userId, CancellationToken ct) =>
        idea.AuthorId == userId
        || await db.Votes.AnyAsync(v => v.IdeaId == idea.Id && v.UserId == userId, ct)
        || await db.Follows.AnyAsync(f => f.IdeaId == idea.Id && f.UserId == userId, ct);

    public static async Task<HelpSummary> SummaryAsync(WhuffieDb db, Idea idea, int? viewerId, CancellationToken ct)
    {
        var counts = await db.HelpAnswers.AsNoTracking().Where(h => h.IdeaId == idea.Id)
            .GroupBy(h => h.Answer).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(Helped answer) => counts.FirstOrDefault(c => c.Key == answer)?.Count ?? 0;
        Helped? mine = viewerId is null ? null : await db.HelpAnswers.AsNoTracking()
            .Where(h => h.IdeaId == idea.Id && h.UserId == viewerId).Select(h => (Helped?)h.Answer).FirstOrDefaultAsync(ct);
        var canAnswer = viewerId is { } viewer && mine is null && idea.Status == IdeaStatus.Launched && await IsAskedAsync(db, idea, viewer, ct);
        return new HelpSummary(Count(Helped.Yes), Count(Helped.Partly), Count(Helped.No), mine?.ToString().ToLowerInvariant(), canAnswer);
    }
}
