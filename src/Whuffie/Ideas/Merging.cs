using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Ideas;

/// <summary>
/// Merging from the original's side ("merge #B into this one") and undoing a merge. Both are
/// the same move as a status change of the duplicate (<see cref="StatusChanges.MoveAsync"/>);
/// these endpoints only take their input the way staff think of it on each page.
/// </summary>
public static class Merging
{
    /// <summary>Merges idea <see cref="MergeRequest.From"/> into idea <paramref name="number"/>; answers with the original.</summary>
    public static async Task<Results<Ok<IdeaDetails>, ValidationProblem, ProblemHttpResult>> MergeAsync(
        int number, MergeRequest request, HttpContext http, WhuffieDb db, TimeProvider clock, CancellationToken ct)
    {
        var validation = Answer(request.Answer);
        if (request.From is null) validation.Add("from", T("Merge.FromRequired"));
        if (!validation.IsValid) return validation.ToProblem();

        var original = await db.FindAsync(number, ct);
        if (original is null) return Problems.NotFound(db.NotFoundText(number));
        // The duplicate is named in the body, not the address: an unknown one is a broken rule, not a missing page.
        var duplicate = await db.FindAsync(request.From!.Value, ct);
        if (duplicate is null) return Problems.Unprocessable(T("Merge.NoIdea", request.From, number));
        if (duplicate.Status == IdeaStatus.Duplicate && duplicate.Id != original.Id)
        {
            var into = await db.Ideas.Where(i => i.Id == duplicate.DuplicateOfId).Select(i => i.Number).FirstAsync(ct);
            return Problems.Conflict(T("Merge.AlreadyMerged", duplicate.Number, into));
        }
        if (await StatusChanges.RefuseMergeAsync(db, duplicate, original, ct) is { } refused) return refused;

        await StatusChanges.MoveAsync(db, duplicate, IdeaStatus.Duplicate, original, request.Answer!.Trim(), http, clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Ok((await db.DetailsAsync(number, http.User.UserId(), ct))!);
    }

    /// <summary>
    /// Splits a merged idea off again: it gets back the status it had before it was merged, and
    /// the votes and follows it carried to the original go back. Answers with the idea split off.
    /// </summary>
    public static async Task<Results<Ok<IdeaDetails>, ValidationProblem, ProblemHttpResult>> UnmergeAsync(
        int number, UnmergeRequest request, HttpContext http, WhuffieDb db, TimeProvider clock, CancellationToken ct)
    {
        var validation = Answer(request.Answer);
        if (!validation.IsValid) return validation.ToProblem();

        var idea = await db.FindAsync(number, ct);
        if (idea is null) return Problems.NotFound(db.NotFoundText(number));
        if (idea.Status != IdeaStatus.Duplicate) return Problems.Conflict(T("Merge.NotMerged", number));

        // A duplicate can only have been reached from another status (duplicate to duplicate is
        // refused), so the last step into it says where it came from; open if the history is gone.
        var before = await db.StatusChanges.Where(s => s.IdeaId == idea.Id && s.To == IdeaStatus.Duplicate)
            .OrderByDescending(s => s.At).ThenByDescending(s => s.Id).Select(s => (IdeaStatus?)s.From).FirstOrDefaultAsync(ct);
        var to = before is { } b && b != IdeaStatus.Duplicate ? b : IdeaStatus.Open;

        await StatusChanges.MoveAsync(db, idea, to, null, request.Answer!.Trim(), http, clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Ok((await db.DetailsAsync(number, http.User.UserId(), ct))!);
    }

    // The product's rule for every change staff make to an idea: a public answer.
    private static Validation Answer(string? answer) => string.IsNullOrWhiteSpace(answer)
        ? new Validation().Add("answer", T("Status.AnswerRequired"))
        : new Validation().Text("answer", answer, StatusChange.AnswerMaxLength);
}
