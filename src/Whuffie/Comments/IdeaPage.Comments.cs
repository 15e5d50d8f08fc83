using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Whuffie.Comments;
using Whuffie.Reputation;

// The idea page's namespace, not this folder's: the parts of a partial class must share one.
namespace Whuffie.Ideas;

/// <summary>The idea page's discussion (<c>_IdeaComments.cshtml</c>); <c>site.js</c> posts a comment and gets it back rendered.</summary>
public sealed partial class IdeaPageModel
{
    public List<CommentDto> Comments { get; private set; } = [];

    [BindProperty] public string? CommentBody { get; set; }

    public CommentView View(CommentDto comment) => new(Org.Slug, Idea.Number, comment, Standings.GetValueOrDefault(comment.Author.Id), IsStaff);

    public async Task<IActionResult> OnPostCommentAsync(int number, CancellationToken ct)
    {
        if (UserId is null) return Challenge();
        var comment = Outcome<CommentDto>(await CommentsApi.PostAsync(number, new PostCommentRequest(CommentBody), HttpContext, Db, clock, ct));
        if (WantsJson)
            return comment is null
                ? BadRequest(new { detail = ErrorFor("body") ?? Refusal })
                : Partial("/Comments/_Comment.cshtml", new CommentView(Org.Slug, number, comment,
                    (await Scores.ForAsync(Db, [comment.Author.Id], ct))[comment.Author.Id], IsStaff));
        if (comment is not null) return LocalRedirect($"/{Org.Slug}/ideas/{number}#comment-{comment.Id}");
        return await InvalidAsync(number, ct);
    }

    /// <summary>An idea's comments in the order they were written, the idea's own or a merged duplicate's.</summary>
    private static Task<List<CommentDto>> CommentsAsync(IQueryable<Comment> comments, CancellationToken ct) =>
        CommentsApi.Project(comments.AsNoTracking().OrderBy(c => c.CreatedAt).ThenBy(c => c.Id)).Take(500).ToListAsync(ct);
}
