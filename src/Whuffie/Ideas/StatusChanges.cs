using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Notifications;
using Whuffie.Voting;
using Whuffie.Web;
using static Whuffie.Web.Text;

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
            validation.Add("status", T("Status.Unknown", string.Join(", ", IdeaStatuses.All)));
        if (string.IsNullOrWhiteSpace(request.Answer))
            validation.Add("answer", to == IdeaStatus.Declined ? T("Status.ReasonRequired") : T("Status.AnswerRequired"));
        else
            validation.Text("answer", request.Answer, StatusChange.AnswerMaxLength);
        if (to == IdeaStatus.Duplicate && request.DuplicateOf is null)
            validation.Add("duplicateOf", T("Status.DuplicateOfRequired"));
        if (to != IdeaStatus.Duplicate && request.DuplicateOf is not null)
            validation.Add("duplicateOf", T("Status.DuplicateOfOnlyForDuplicate"));
        if (!validation.IsValid) return validation.ToProblem();

        var idea = await db.FindAsync(number, ct);
        if (idea is null) return Problems.NotFound(db.NotFoundText(number));
        if (idea.Status == to)
            return Problems.Conflict(T("Status.AlreadyThere", number, to.Label()));

        Idea? original = null;
        if (to == IdeaStatus.Duplicate)
        {
            original = await db.FindAsync(request.DuplicateOf!.Value, ct);
            if (original is null)
                return Problems.Unprocessable(T("Status.NoOriginal", request.DuplicateOf, number));
            if (original.Id == idea.Id)
                return Problems.Unprocessable(T("Status.SelfDuplicate", number));
            if (original.Status == IdeaStatus.Duplicate)
            {
                var root = await db.Ideas.Where(i => i.Id == original.DuplicateOfId).Select(i => i.Number).FirstAsync(ct);
                return Problems.Unprocessable(T("Status.DuplicateOfDuplicate", original.Number, root));
            }
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var answer = request.Answer!.Trim();
        await using var tx = await db.BeginWriteAsync(ct);

        if (idea.Status == IdeaStatus.Duplicate && idea.DuplicateOfId is { } previous)
            await Votes.TakeBackCarriedAsync(db, from: idea.Id, to: previous, ct);
        if (original is not null)
            await Votes.CarryOverAsync(db, from: idea.Id, to: original.Id, ct);

        var change = new StatusChange
        {
            IdeaId = idea.Id,
            ActorId = http.User.UserId()!.Value,
            At = now,
            From = idea.Status,
            To = to,
            Answer = answer,
            AnswerHtml = Markdown.ToHtml(answer),
            DuplicateOfNumber = original?.Number,
        };
        db.StatusChanges.Add(change);
        idea.Status = to;
        idea.DuplicateOfId = original?.Id;
        idea.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        // Every follower hears of it, with the answer, in the same transaction as the change.
        NotifyJob.Enqueue(db, NotificationKind.Status, idea.Id, change.Id, now);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        return TypedResults.Ok((await db.DetailsAsync(number, http.User.UserId(), ct))!);
    }
}
