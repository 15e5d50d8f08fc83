using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Following;
using Whuffie.Ideas;
using Whuffie.Organizations;
using Whuffie.Search;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Comments;

/// <summary>A comment; <see cref="MarkedHelpful"/>: staff found it helpful (see Reputation).</summary>
public sealed record CommentDto(int Id, UserRef Author, string Body, string BodyHtml, bool IsStaff, DateTime CreatedAt, bool MarkedHelpful);
public sealed record PostCommentRequest(string? Body);

public static class CommentsApi
{
    private static readonly string[] ListKeys = ["page", "pageSize"];

    public static void MapCommentsApi(this RouteGroupBuilder org)
    {
        var comments = org.MapGroup("/ideas/{number:int}/comments").WithTags("Comments");
        comments.MapGet("", ListAsync);
        comments.MapGet("/{id:int}", GetAsync);
        comments.MapPost("", PostAsync).RequireAuthorization().RequireRateLimiting(Limits.RateLimits.Comment);
    }

    internal static IQueryable<CommentDto> Project(IQueryable<Comment> comments) =>
        comments.Select(c => new CommentDto(c.Id, new UserRef(c.AuthorId, c.Author!.DisplayName), c.Body, c.BodyHtml, c.IsStaff, c.CreatedAt, c.MarkedHelpful));

    private static async Task<Results<Ok<Page<CommentDto>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        int number, HttpContext http, WhuffieDb db, CancellationToken ct)
    {
        var validation = new Validation();
        QueryStrings.RejectUnknown(http.Request.Query, validation, ListKeys);
        var paging = Paging.Parse(http.Request.Query, validation, defaultSize: 50, maxSize: 200);
        if (!validation.IsValid) return validation.ToProblem();

        var ideaId = await IdeaIdAsync(db, number, ct);
        if (ideaId is null) return Problems.NotFound(db.NotFoundText(number));
        var query = Project(db.Comments.AsNoTracking().Where(c => c.IdeaId == ideaId).OrderBy(c => c.CreatedAt).ThenBy(c => c.Id));
        return TypedResults.Ok(await paging.ToPageAsync(query, ct));
    }

    private static async Task<Results<Ok<CommentDto>, ProblemHttpResult>> GetAsync(int number, int id, WhuffieDb db, CancellationToken ct)
    {
        var ideaId = await IdeaIdAsync(db, number, ct);
        if (ideaId is null) return Problems.NotFound(db.NotFoundText(number));
        var comment = await Project(db.Comments.AsNoTracking().Where(c => c.IdeaId == ideaId && c.Id == id)).FirstOrDefaultAsync(ct);
        return comment is null ? Problems.NotFound(T("Comments.NotFound", number, id)) : TypedResults.Ok(comment);
    }

    internal static async Task<Results<Created<CommentDto>, ValidationProblem, ProblemHttpResult>> PostAsync(
        int number, PostCommentRequest request, HttpContext http, WhuffieDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await EmailConfirmation.RefusalAsync(db, http.User, ct) is { } unconfirmed) return unconfirmed;
        var validation = new Validation().Text("body", request.Body, Comment.BodyMaxLength);
        if (!validation.IsValid) return validation.ToProblem();
        var idea = await db.Ideas.AsNoTracking().Where(i => i.Number == number)
            .Select(i => new { i.Id, i.Status, Original = i.DuplicateOf == null ? (int?)null : i.DuplicateOf.Number })
            .FirstOrDefaultAsync(ct);
        if (idea is null) return Problems.NotFound(db.NotFoundText(number));
        // One discussion per subject: a merged idea's comments stay readable, new ones go to the original.
        if (idea.Status == IdeaStatus.Duplicate)
            return Problems.Conflict(T("Comments.Merged", number, idea.Original));
        var ideaId = idea.Id;

        var userId = http.User.UserId()!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var body = request.Body!.Trim();
        var comment = new Comment
        {
            IdeaId = ideaId,
            AuthorId = userId,
            Body = body,
            BodyHtml = Markdown.ToHtml(body),
            IsStaff = await db.IsStaffAsync(userId, ct),
            CreatedAt = now,
        };
        var weight = Trending.Weight(Trending.CommentPoints, now);

        await using (var tx = await db.BeginWriteAsync(ct))
        {
            await db.EnsureMemberAsync(userId, now, ct);
            db.Comments.Add(comment);
            await db.SaveChangesAsync(ct);
            await db.FollowAsync(ideaId, userId, now, ct);
            NotifyJob.Enqueue(db, NotificationKind.Comment, ideaId, comment.Id, now);
            await db.SaveChangesAsync(ct);
            await db.Ideas.Where(i => i.Id == ideaId).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.CommentCount, i => i.CommentCount + 1)
                .SetProperty(i => i.TrendScore, i => i.TrendScore + weight), ct);
            await SearchIndex.UpdateAsync(db, ideaId, ct);
            await tx.CommitAsync(ct);
        }

        var dto = await Project(db.Comments.AsNoTracking().Where(c => c.Id == comment.Id)).FirstAsync(ct);
        return TypedResults.Created($"/api/v1/orgs/{db.Tenant.Current.Slug}/ideas/{number}/comments/{comment.Id}", dto);
    }

    private static Task<int?> IdeaIdAsync(WhuffieDb db, int number, CancellationToken ct) =>
        db.Ideas.Where(i => i.Number == number).Select(i => (int?)i.Id).FirstOrDefaultAsync(ct);
}
