using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Following;
using Whuffie.Notices;
using Whuffie.Voting;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Ideas;

/// <summary>
/// Moving an idea along its way. The rule the product stands on: no change without a public
/// answer. Marking a duplicate merges it into the original (see <see cref="MoveAsync"/>); moving
/// it on from duplicate splits it off again. Merging from the original's side (<see cref="Merging"/>)
/// is the same move, so there is one way a merge happens and one way it is undone.
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
            if (await RefuseMergeAsync(db, idea, original, ct) is { } refused) return refused;
        }

        await MoveAsync(db, idea, to, original, request.Answer!.Trim(), http, clock.GetUtcNow().UtcDateTime, ct);
        return TypedResults.Ok((await db.DetailsAsync(number, http.User.UserId(), ct))!);
    }

    /// <summary>
    /// Why <paramref name="duplicate"/> cannot be merged into <paramref name="original"/>, or null.
    /// Merges never chain: an original is never a duplicate, so a merged idea is always one step
    /// from the idea its people now back, and its redirect is one hop.
    /// </summary>
    internal static async Task<ProblemHttpResult?> RefuseMergeAsync(WhuffieDb db, Idea duplicate, Idea original, CancellationToken ct)
    {
        if (original.Id == duplicate.Id)
            return Problems.Unprocessable(T("Status.SelfDuplicate", duplicate.Number));
        if (original.Status == IdeaStatus.Duplicate)
        {
            var root = await db.Ideas.Where(i => i.Id == original.DuplicateOfId).Select(i => i.Number).FirstAsync(ct);
            return Problems.Unprocessable(T("Status.DuplicateOfDuplicate", original.Number, root));
        }
        var mergedIntoDuplicate = await db.Ideas.Where(i => i.DuplicateOfId == duplicate.Id).OrderBy(i => i.Number).Select(i => i.Number).ToListAsync(ct);
        if (mergedIntoDuplicate.Count > 0)
            return Problems.Conflict(T("Merge.HasDuplicates", duplicate.Number, string.Join(", ", mergedIntoDuplicate.Select(n => "#" + n)), original.Number));
        return null;
    }

    /// <summary>
    /// The change itself, in one transaction. Leaving duplicate takes back the votes and follows
    /// the idea had carried to its original; becoming one carries its distinct voters and
    /// followers to the new original. Both ends of a merge or split get a timeline entry.
    /// </summary>
    internal static async Task MoveAsync(WhuffieDb db, Idea idea, IdeaStatus to, Idea? original, string answer, HttpContext http, DateTime now, CancellationToken ct)
    {
        var actorId = http.User.UserId()!.Value;
        var from = idea.Status;
        var answerHtml = Markdown.ToHtml(answer);
        StatusChange Entry(Idea on, IdeaStatus nextStatus) => new()
        {
            IdeaId = on.Id,
            ActorId = actorId,
            At = now,
            From = on.Status,
            To = nextStatus,
            Answer = answer,
            AnswerHtml = answerHtml,
        };

        await using var tx = await db.BeginWriteAsync(ct);
        var change = Entry(idea, to);
        if (idea.Status == IdeaStatus.Duplicate && idea.DuplicateOfId is { } previousId)
        {
            await Votes.TakeBackCarriedAsync(db, from: idea.Id, to: previousId, ct);
            await Followers.TakeBackCarriedAsync(db, from: idea.Id, to: previousId, ct);
            var previous = await db.Ideas.FirstAsync(i => i.Id == previousId, ct);
            var split = Entry(previous, previous.Status);
            split.SplitNumber = idea.Number;
            db.StatusChanges.Add(split);
            previous.UpdatedAt = now;
            change.SplitNumber = previous.Number;
        }
        if (original is not null)
        {
            await Votes.CarryOverAsync(db, from: idea.Id, to: original.Id, ct);
            await Followers.CarryOverAsync(db, from: idea.Id, to: original.Id, now, ct);
            var merged = Entry(original, original.Status);
            merged.MergedNumber = idea.Number;
            db.StatusChanges.Add(merged);
            original.UpdatedAt = now;
            change.DuplicateOfNumber = original.Number;
        }

        db.StatusChanges.Add(change);
        idea.Status = to;
        idea.DuplicateOfId = original?.Id;
        idea.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        // Every follower of the idea hears of it, with the answer, in the same transaction as the
        // change. The original's entry tells its followers nothing new about it, so it is not sent.
        NotifyJob.Enqueue(db, NotificationKind.Status, idea.Id, change.Id, now);
        await AddEventsAsync(db, idea, from, original, answer, IdeaEvents.Site(http), now, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        IdeaEvents.Wake(http);
    }

    /// <summary>
    /// Every move is a status_changed event, so a receiver that mirrors statuses sees them all;
    /// reaching launched is also an idea.launched event of its own, for receivers that only
    /// celebrate launches. Both carry the public answer.
    /// </summary>
    private static async Task AddEventsAsync(WhuffieDb db, Idea idea, IdeaStatus from, Idea? original, string answer, string site, DateTime now, CancellationToken ct)
    {
        var data = IdeaEvents.Data(site, db, idea);
        data["previousStatus"] = from.ToName();
        data["answer"] = answer;
        data["duplicateOf"] = original?.Number;
        data["changedAt"] = now;
        await IdeaEvents.AddAsync(db, IdeaEvents.StatusChanged, data, now, ct);
        if (idea.Status == IdeaStatus.Launched) await IdeaEvents.AddAsync(db, IdeaEvents.Launched, data, now, ct);
    }
}
