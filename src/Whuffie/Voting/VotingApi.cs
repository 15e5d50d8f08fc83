using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Voting;

public sealed record VoteState(bool Voted, int VoteCount);

public static class VotingApi
{
    public static void MapVotingApi(this RouteGroupBuilder org)
    {
        var vote = org.MapGroup("/ideas/{number:int}/vote").WithTags("Voting").RequireAuthorization().RequireRateLimiting(Limits.RateLimits.Vote);
        vote.MapPut("", CastAsync);
        vote.MapDelete("", WithdrawAsync);
    }

    internal static async Task<Results<Ok<VoteState>, ProblemHttpResult>> CastAsync(
        int number, HttpContext http, WhuffieDb db, TimeProvider clock, CancellationToken ct) =>
        await EmailConfirmation.RefusalAsync(db, http.User, ct) is { } unconfirmed ? unconfirmed
        : await ChangeAsync(number, http, db, ct, (ideaId, userId) => Votes.CastAsync(db, ideaId, userId, clock.GetUtcNow().UtcDateTime, ct));

    internal static Task<Results<Ok<VoteState>, ProblemHttpResult>> WithdrawAsync(int number, HttpContext http, WhuffieDb db, CancellationToken ct) =>
        ChangeAsync(number, http, db, ct, (ideaId, userId) => Votes.WithdrawAsync(db, ideaId, userId, ct));

    /// <summary>Voting twice, or withdrawing a vote that is not there, changes nothing and is no error.</summary>
    private static async Task<Results<Ok<VoteState>, ProblemHttpResult>> ChangeAsync(
        int number, HttpContext http, WhuffieDb db, CancellationToken ct, Func<int, int, Task<bool>> change)
    {
        var idea = await db.Ideas.AsNoTracking().Where(i => i.Number == number)
            .Select(i => new { i.Id, i.Status, Original = i.DuplicateOf == null ? (int?)null : i.DuplicateOf.Number })
            .FirstOrDefaultAsync(ct);
        if (idea is null) return Problems.NotFound(db.NotFoundText(number));
        if (idea.Status == IdeaStatus.Duplicate)
            return Problems.Conflict(T("Votes.Merged", number, idea.Original));

        var userId = http.User.UserId()!.Value;
        await change(idea.Id, userId);
        var state = await db.Ideas.AsNoTracking().Where(i => i.Id == idea.Id)
            .Select(i => new VoteState(db.Votes.Any(v => v.IdeaId == i.Id && v.UserId == userId), i.VoteCount))
            .FirstAsync(ct);
        return TypedResults.Ok(state);
    }
}
