using Microsoft.AspNetCore.Mvc;
using Whuffie.Organizations;
using Whuffie.Search;

// The idea page's namespace, not this folder's: the parts of a partial class must share one.
namespace Whuffie.Ideas;

public sealed partial class IdeaPageModel
{
    /// <summary>Staff correct the idea's guessed language (<c>_IdeaLanguage.cshtml</c>), and it is indexed again.</summary>
    public async Task<IActionResult> OnPostLanguageAsync(int number, string? language, CancellationToken ct)
    {
        if (Require(OrgRole.Staff) is { } denied) return denied;
        PostedForm = "language";
        var set = Outcome<IdeaDetails>(await IdeaLanguage.SetAsync(number, new SetLanguageRequest(language), HttpContext, Db, ct));
        if (set is not null) return LocalRedirect($"/{Org.Slug}/ideas/{number}#language-heading");
        return await InvalidAsync(number, ct);
    }
}
