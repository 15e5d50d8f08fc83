using Microsoft.AspNetCore.Mvc;
using Whuffie.Voting;

// The idea page's namespace, not this folder's: the parts of a partial class must share one.
namespace Whuffie.Ideas;

/// <summary>The idea page's vote button (<c>_IdeaVotes.cshtml</c>); <c>site.js</c> posts it for JSON.</summary>
public sealed partial class IdeaPageModel
{
    public async Task<IActionResult> OnPostVoteAsync(int number, bool remove, string? returnUrl, CancellationToken ct)
    {
        if (UserId is null) return Challenge();
        var result = remove
            ? await VotingApi.WithdrawAsync(number, HttpContext, Db, ct)
            : await VotingApi.CastAsync(number, HttpContext, Db, clock, ct);
        var state = Outcome<VoteState>(result);
        if (WantsJson) return state is null ? StatusCode(409, new { detail = Refusal }) : new JsonResult(state);
        if (state is null) return await LoadAsync(number, ct) ? Page() : NotFound();
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : $"/{Org.Slug}/ideas/{number}");
    }
}
