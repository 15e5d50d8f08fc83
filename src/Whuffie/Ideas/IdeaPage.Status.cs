using Microsoft.AspNetCore.Mvc;

namespace Whuffie.Ideas;

/// <summary>Staff move the idea along with a public answer (<c>_IdeaStatus.cshtml</c>); the timeline shows every move.</summary>
public sealed partial class IdeaPageModel
{
    [BindProperty] public string? NewStatus { get; set; }

    /// <summary>The public answer: of a status change, or of undoing a merge (<see cref="OnPostUnmergeAsync"/>).</summary>
    [BindProperty] public string? Answer { get; set; }

    [BindProperty] public int? DuplicateOf { get; set; }

    public async Task<IActionResult> OnPostStatusAsync(int number, CancellationToken ct)
    {
        if (UserId is null) return Challenge();
        if (!IsStaff) return StatusCode(StatusCodes.Status403Forbidden);
        PostedForm = "status";
        var changed = Outcome<IdeaDetails>(await StatusChanges.ChangeAsync(number, new ChangeStatusRequest(NewStatus, Answer, DuplicateOf), HttpContext, Db, clock, ct));
        if (changed is not null) return LocalRedirect($"/{Org.Slug}/ideas/{number}#timeline");
        return await InvalidAsync(number, ct);
    }
}
