using Microsoft.AspNetCore.Mvc;
using Whuffie.Comments;
using Whuffie.Organizations;
using Whuffie.Reputation;

// The idea page's namespace, not this folder's: the parts of a partial class must share one.
namespace Whuffie.Ideas;

public sealed partial class IdeaPageModel
{
    /// <summary>Staff's helpful mark on a comment (the button in <c>_Comment.cshtml</c>), without JavaScript: the same handler as the API.</summary>
    public async Task<IActionResult> OnPostHelpfulAsync(int number, int commentId, bool helpful, CancellationToken ct)
    {
        if (Require(OrgRole.Staff) is { } denied) return denied;
        var marked = Outcome<CommentDto>(await ReputationApi.MarkHelpfulAsync(number, commentId, helpful, Db, ct));
        if (marked is not null) return LocalRedirect($"/{Org.Slug}/ideas/{number}#comment-{commentId}");
        return await InvalidAsync(number, ct);
    }
}
