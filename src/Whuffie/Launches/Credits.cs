using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Organizations;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Launches;

public sealed record CreditsRequest(List<int>? CoContributors, string? NamedAfter);

/// <summary>Whose idea it was: the author always, the co-contributors staff add, and an optional "named after".</summary>
public sealed record CreditsDto(UserRef Author, List<UserRef> CoContributors, string? NamedAfter)
{
    /// <summary>The co-contributors' names joined for a sentence ("Bo and Carl"), or null when there are none.</summary>
    public string? WithNames => CoContributors.Count switch
    {
        0 => null,
        1 => CoContributors[0].DisplayName,
        _ => T("Credits.And", string.Join(", ", CoContributors.SkipLast(1).Select(c => c.DisplayName)), CoContributors[^1].DisplayName),
    };
}

/// <summary>
/// The credit a launch gives (seed 002: credit the people whose ideas you carry out). The
/// author is credited by the idea itself; staff may add members who took part in it as
/// co-contributors, and a line saying what the result is named after.
/// </summary>
public static class Credits
{
    public const int MaxCoContributors = 10;
    public const int NamedAfterMaxLength = 200;

    public static void MapCreditsApi(this RouteGroupBuilder org)
    {
        var credits = org.MapGroup("/ideas/{number:int}/credits").WithTags("Launches");
        credits.MapGet("", GetAsync);
        credits.MapPut("", SetAsync).RequireOrgRole(OrgRole.Staff);
    }

    private static async Task<Results<Ok<CreditsDto>, ProblemHttpResult>> GetAsync(int number, WhuffieDb db, CancellationToken ct)
    {
        var idea = await db.FindAsync(number, ct);
        return idea is null ? Problems.NotFound(db.NotFoundText(number)) : TypedResults.Ok(await ForAsync(db, idea, ct));
    }

    internal static async Task<Results<Ok<CreditsDto>, ValidationProblem, ProblemHttpResult>> SetAsync(
        int number, CreditsRequest request, WhuffieDb db, CancellationToken ct)
    {
        var idea = await db.FindAsync(number, ct);
        if (idea is null) return Problems.NotFound(db.NotFoundText(number));
        var ids = (request.CoContributors ?? []).Distinct().Where(id => id != idea.AuthorId).ToList();
        var validation = new Validation().OptionalText("namedAfter", request.NamedAfter, NamedAfterMaxLength);
        if (ids.Count > MaxCoContributors) validation.Add("coContributors", T("Credits.TooMany", MaxCoContributors));
        // Only people who took part in this idea: credit is for shaping it, not a gift to anyone.
        var tookPart = await ParticipantsQuery(db, idea).Where(id => ids.Contains(id)).ToListAsync(ct);
        if (ids.Except(tookPart).Any()) validation.Add("coContributors", T("Credits.NotParticipant", number));
        if (!validation.IsValid) return validation.ToProblem();

        await using var tx = await db.BeginWriteAsync(ct);
        await db.CoContributors.Where(c => c.IdeaId == idea.Id).ExecuteDeleteAsync(ct);
        db.CoContributors.AddRange(ids.Select(id => new CoContributor { IdeaId = idea.Id, UserId = id }));
        var namedAfter = string.IsNullOrWhiteSpace(request.NamedAfter) ? null : request.NamedAfter.Trim();
        await db.Ideas.Where(i => i.Id == idea.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.NamedAfter, namedAfter), ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        idea.NamedAfter = namedAfter;
        return TypedResults.Ok(await ForAsync(db, idea, ct));
    }

    public static async Task<CreditsDto> ForAsync(WhuffieDb db, Idea idea, CancellationToken ct)
    {
        var author = await db.Users.Where(u => u.Id == idea.AuthorId).Select(u => new UserRef(u.Id, u.DisplayName)).FirstAsync(ct);
        var co = await db.CoContributors.AsNoTracking().Where(c => c.IdeaId == idea.Id)
            .Join(db.Users, c => c.UserId, u => u.Id, (c, u) => new { u.Id, u.DisplayName })
            .OrderBy(u => u.DisplayName).ToListAsync(ct);
        return new CreditsDto(author, co.Select(u => new UserRef(u.Id, u.DisplayName)).ToList(), idea.NamedAfter);
    }

    /// <summary>The people staff may credit: those who commented on, voted for or follow the idea, besides its author.</summary>
    public static async Task<List<UserRef>> CandidatesAsync(WhuffieDb db, Idea idea, CancellationToken ct)
    {
        var ids = ParticipantsQuery(db, idea);
        return await db.Users.Where(u => ids.Contains(u.Id)).OrderBy(u => u.DisplayName)
            .Select(u => new UserRef(u.Id, u.DisplayName)).Take(100).ToListAsync(ct);
    }

    private static IQueryable<int> ParticipantsQuery(WhuffieDb db, Idea idea) =>
        db.Comments.Where(c => c.IdeaId == idea.Id).Select(c => c.AuthorId)
            .Union(db.Votes.Where(v => v.IdeaId == idea.Id).Select(v => v.UserId))
            .Union(db.Follows.Where(f => f.IdeaId == idea.Id).Select(f => f.UserId))
            .Where(id => id != idea.AuthorId);
}
