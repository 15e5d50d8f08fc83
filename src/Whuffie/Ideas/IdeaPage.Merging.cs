using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Whuffie.Comments;
using Whuffie.Organizations;

namespace Whuffie.Ideas;

/// <summary>
/// Merging on the idea page (<c>_IdeaMerging.cshtml</c>): staff merge a duplicate into the original
/// or undo it, and the original shows the merged ideas' discussions (<c>_IdeaMerged.cshtml</c>).
/// </summary>
public sealed partial class IdeaPageModel
{
    [BindProperty] public int? MergeFrom { get; set; }
    [BindProperty] public string? MergeAnswer { get; set; }

    /// <summary>A duplicate merged into this idea, with its comments, which stay readable here.</summary>
    public sealed record MergedIdea(int Number, string Title, List<CommentDto> Comments);

    public List<MergedIdea> Merged { get; private set; } = [];

    /// <summary>A merged idea's comments are read-only: no staff buttons that would act on the duplicate.</summary>
    public CommentView MergedView(MergedIdea merged, CommentDto comment) =>
        new(Org.Slug, merged.Number, comment, Standings.GetValueOrDefault(comment.Author.Id), StaffViewer: false);

    /// <summary>"Merge another idea into this one", on the original's page: the same move as marking that one a duplicate.</summary>
    public async Task<IActionResult> OnPostMergeAsync(int number, CancellationToken ct)
    {
        if (Require(OrgRole.Staff) is { } denied) return denied;
        PostedForm = "merge";
        var merged = Outcome<IdeaDetails>(await Merging.MergeAsync(number, new MergeRequest(MergeFrom, MergeAnswer), HttpContext, Db, clock, ct));
        if (merged is not null) return LocalRedirect($"/{Org.Slug}/ideas/{number}#merged-{MergeFrom}");
        return await InvalidAsync(number, ct);
    }

    /// <summary>Undoing a merge, on the merged idea's page (staff are not redirected away from it).</summary>
    public async Task<IActionResult> OnPostUnmergeAsync(int number, CancellationToken ct)
    {
        if (Require(OrgRole.Staff) is { } denied) return denied;
        PostedForm = "unmerge";
        var split = Outcome<IdeaDetails>(await Merging.UnmergeAsync(number, new UnmergeRequest(Answer), HttpContext, Db, clock, ct));
        if (split is not null) return LocalRedirect($"/{Org.Slug}/ideas/{number}#timeline");
        return await InvalidAsync(number, ct);
    }

    /// <summary>The duplicates merged into this idea and their comments: they stay theirs (counted there), shown here.</summary>
    private async Task<List<MergedIdea>> MergedAsync(int number, CancellationToken ct)
    {
        var merged = await Db.Ideas.AsNoTracking().Where(i => i.DuplicateOf != null && i.DuplicateOf.Number == number)
            .OrderBy(i => i.Number).Select(i => new { i.Id, i.Number, i.Title }).ToListAsync(ct);
        // One query per duplicate: an idea rarely has more than a few merged into it.
        var result = new List<MergedIdea>();
        foreach (var m in merged)
            result.Add(new MergedIdea(m.Number, m.Title, await CommentsAsync(Db.Comments.Where(c => c.IdeaId == m.Id), ct)));
        return result;
    }
}
