using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Whuffie.Following;

// The idea page's namespace, not this folder's: the parts of a partial class must share one.
namespace Whuffie.Ideas;

/// <summary>The idea page's "follow" choice (<c>_IdeaFollow.cshtml</c>), for signed-in people.</summary>
public sealed partial class IdeaPageModel
{
    /// <summary>How the signed-in person follows the idea ("none", "updates", "every"); null when signed out.</summary>
    public string? Following { get; private set; }

    public static readonly string[] FollowChoices = ["none", "updates", "every"];

    public async Task<IActionResult> OnPostFollowAsync(int number, string? follow, CancellationToken ct)
    {
        if (UserId is not { } me) return Challenge();
        if (!FollowChoices.Contains(follow)) return BadRequest();
        var idea = await Db.FindAsync(number, ct);
        if (idea is null) return NotFound();
        bool? every = follow switch { "every" => true, "updates" => false, _ => null };
        await Db.SetAsync(idea.Id, me, every, clock.GetUtcNow().UtcDateTime, ct);
        return LocalRedirect($"/{Org.Slug}/ideas/{number}");
    }

    private async Task<string> FollowingAsync(int me, int number, CancellationToken ct)
    {
        var follow = await Db.Follows.Where(f => f.UserId == me && Db.Ideas.Any(i => i.Id == f.IdeaId && i.Number == number))
            .Select(f => (bool?)f.EveryComment).FirstOrDefaultAsync(ct);
        return follow switch { true => "every", false => "updates", null => "none" };
    }
}
