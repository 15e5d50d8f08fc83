using Microsoft.AspNetCore.Http.HttpResults;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Organizations;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Search;

public sealed record SetLanguageRequest(string? Language);

/// <summary>
/// Staff correct the language guessed for an idea (<see cref="LanguageGuess"/>): the index is made again
/// with that language's stemmer, in the same transaction.
/// </summary>
public static class IdeaLanguage
{
    public static void MapIdeaLanguageApi(this RouteGroupBuilder org) =>
        org.MapPut("/ideas/{number:int}/language", SetAsync).RequireOrgRole(OrgRole.Staff).WithTags("Ideas");

    public static async Task<Results<Ok<IdeaDetails>, ValidationProblem, ProblemHttpResult>> SetAsync(
        int number, SetLanguageRequest request, HttpContext http, WhuffieDb db, CancellationToken ct)
    {
        var language = request.Language?.Trim().ToLowerInvariant();
        if (language is null || !TextAnalysis.Languages.Contains(language))
            return new Validation().Add("language", T("Search.UnknownLanguage", string.Join(", ", TextAnalysis.Languages))).ToProblem();
        var idea = await db.FindAsync(number, ct);
        if (idea is null) return Problems.NotFound(db.NotFoundText(number));

        await using (var tx = await db.BeginWriteAsync(ct))
        {
            idea.Language = language;
            await db.SaveChangesAsync(ct);
            await SearchIndex.UpdateAsync(db, idea.Id, ct);
            await tx.CommitAsync(ct);
        }
        return TypedResults.Ok((await db.DetailsAsync(number, http.User.UserId(), ct))!);
    }
}
