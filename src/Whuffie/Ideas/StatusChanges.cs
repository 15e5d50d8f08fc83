using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Voting;
using Whuffie.Web;

namespace Whuffie.Ideas;

/// <summary>
/// Moving an idea along its way. The rule the product stands on: no change without a public
/// answer. Marking a duplicate carries its voters over to the original; reopening it takes
/// exactly those votes back.
/// </summary>
public static class StatusChanges
{
    public static async Task<Results<Ok<IdeaDetails>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        int number, ChangeStatusRequest request, HttpContext http, WhuffieDb db, TimeProvider clock, CancellationToken ct)
    {
        var validation = new Validation();
        if (!IdeaStatuses.TryParse(request.Status, out var to))
            validation.Add("status", $"status must be one of {string.Join(", ", IdeaStatuses.All)}.");
        if (string.IsNullOrWhiteSpace(request.Answer))
            validation.Add("answer", to == IdeaStatus.Declined
                ? "answer is required: tell the people behind the idea why it is declined."
                : "answer is required: every status change is explained in public.");
        else
            validation.Text("answer", request.Answer, StatusChange.AnswerMaxLength);
        if (to == IdeaStatus.Duplicate && request.DuplicateOf is null)
            validation.Add("duplicateOf", "duplicateOf is required: name the idea this one duplicates.");
        if (to != IdeaStatus.Duplicate && request.DuplicateOf is not null)
            validation.Add("duplicateOf", "duplicateOf goes only with status duplicate.");
        if (!validation.IsValid) return validation.ToProblem();

        var idea = await db.FindAsync(number, ct);
        if (idea is null) return Problems.NotFound(db.NotFoundText(number));
        if (idea.Status == to)
            return Problems.Conflict($"#{number} is already {to.ToName()}. To say more without moving it, comment as staff.");

        Idea? original = null;
        if (to == IdeaStatus.Duplicate)
        {
            original = await db.FindAsync(request.DuplicateOf!.Value, ct);
            if (original is null)
                return Problems.Unprocessable($"There is no idea #{request.DuplicateOf} to merge #{number} into.");
            if (original.Id == idea.Id)
                return Problems.Unprocessable($"#{number} cannot be a duplicate of itself.");
            if (original.Status == IdeaStatus.Duplicate)
            {
                var root = await db.Ideas.Where(i => i.Id == original.DuplicateOfId).Select(i => i.Number).FirstAsync(ct);
                return Problems.Unprocessable($"#{original.Number} is itself a duplicate of #{root}; merge into #{root} instead.");
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var answer = request.Answer!.Trim();
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        if (idea.Status == IdeaStatus.Duplicate && idea.DuplicateOfId is { } previous)
            await Votes.TakeBackCarriedAsync(db, from: idea.Id, to: previous, ct);
        if (original is not null)
            await Votes.CarryOverAsync(db, from: idea.Id, to: original.Id, ct);

        db.StatusChanges.Add(new StatusChange
        {
            IdeaId = idea.Id,
            ActorId = http.User.UserId()!.Value,
            At = now,
            From = idea.Status,
            To = to,
            Answer = answer,
            AnswerHtml = Markdown.ToHtml(answer),
            DuplicateOfNumber = original?.Number,
        });
        idea.Status = to;
        idea.DuplicateOfId = original?.Id;
        idea.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        return TypedResults.Ok((await db.DetailsAsync(number, http.User.UserId(), ct))!);
    }
}
