using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Categories;
using Whuffie.Data;
using Whuffie.Following;
using Whuffie.Notices;
using Whuffie.Organizations;
using Whuffie.Reputation;
using Whuffie.Search;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Ideas;

public static class IdeasApi
{
    public static void MapIdeasApi(this RouteGroupBuilder org)
    {
        var ideas = org.MapGroup("/ideas").WithTags("Ideas");
        ideas.MapGet("", ListAsync).RequireRateLimiting(Limits.RateLimits.Search); // counts only a query (q)
        ideas.MapPost("", SubmitAsync).RequireAuthorization();
        ideas.MapGet("/{number:int}", GetAsync);
        ideas.MapPut("/{number:int}", EditAsync).RequireAuthorization();
        ideas.MapPost("/{number:int}/status", StatusChanges.ChangeAsync).RequireOrgRole(OrgRole.Staff);
        ideas.MapPost("/{number:int}/merge", Merging.MergeAsync).RequireOrgRole(OrgRole.Staff);
        ideas.MapPost("/{number:int}/unmerge", Merging.UnmergeAsync).RequireOrgRole(OrgRole.Staff);
    }

    private static async Task<Results<Ok<IdeaListing>, ValidationProblem>> ListAsync(
        HttpContext http, WhuffieDb db, CategoryCache categoryCache, CancellationToken ct)
    {
        var validation = new Validation();
        var filter = IdeaFilter.Parse(http.Request.Query, validation);
        var categories = await categoryCache.AllAsync(db, ct);
        filter.CheckCategory(categories, db.Tenant.Current.Name, validation);
        if (!validation.IsValid) return validation.ToProblem();
        return TypedResults.Ok(await IdeaListing.ForAsync(db, filter, categories, ct));
    }

    private static async Task<Results<Ok<IdeaDetails>, ProblemHttpResult>> GetAsync(int number, HttpContext http, WhuffieDb db, CancellationToken ct)
    {
        var idea = await db.DetailsAsync(number, http.User.UserId(), ct);
        return idea is null ? Problems.NotFound(db.NotFoundText(number)) : TypedResults.Ok(idea);
    }

    internal static async Task<Results<Created<IdeaDetails>, ValidationProblem, ProblemHttpResult>> SubmitAsync(
        SubmitIdeaRequest request, HttpContext http, WhuffieDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await EmailConfirmation.RefusalAsync(db, http.User, ct) is { } unconfirmed) return unconfirmed;
        var (validation, categoryId) = await ValidateAsync(request, db, ct);
        if (!validation.IsValid) return validation.ToProblem();

        var userId = http.User.UserId()!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var idea = new Idea
        {
            Title = "",
            AuthorId = userId,
            CreatedAt = now,
            UpdatedAt = now,
            TrendScore = Trending.Weight(Trending.SubmitPoints, now),
        };
        Apply(idea, request, categoryId);
        // Guessed once; an author's later edit keeps it, and staff can correct it.
        idea.Language = LanguageGuess.Guess(idea.Title + "\n" + idea.Body, db.Tenant.Current.WritingLanguages);
        var limit = await SubmissionLimit.ForAsync(db, userId, ct);

        await using (var tx = await db.BeginWriteAsync(ct))
        {
            await db.EnsureMemberAsync(userId, now, ct);
            idea.Number = await NextNumberAsync(db, ct);
            // Counted once the organization's row is locked, so two submissions at once cannot both
            // slip under the limit; a refusal rolls back the number and the membership with it.
            if (await SubmissionLimit.NextAllowedAsync(db, userId, limit, now, ct) is { } nextAllowed)
                return SubmissionLimit.Refusal(http, limit, nextAllowed, now);
            db.Ideas.Add(idea);
            await db.SaveChangesAsync(ct);
            await db.FollowAsync(idea.Id, userId, now, ct);
            await SearchIndex.UpdateAsync(db, idea.Id, ct);
            var created = IdeaEvents.Data(IdeaEvents.Site(http), db, idea);
            created["createdAt"] = idea.CreatedAt;
            if (await IdeaEvents.AddAsync(db, IdeaEvents.Created, created, now, ct) > 0) await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        IdeaEvents.Wake(http);

        var details = await db.DetailsAsync(idea.Number, userId, ct);
        return TypedResults.Created($"/api/v1/orgs/{db.Tenant.Current.Slug}/ideas/{idea.Number}", details);
    }

    /// <summary>
    /// The author may reword an idea while staff have not yet taken it up (status open);
    /// after that the words people voted for stay put, except for staff edits.
    /// </summary>
    internal static async Task<Results<Ok<IdeaDetails>, ValidationProblem, ProblemHttpResult>> EditAsync(
        int number, SubmitIdeaRequest request, HttpContext http, WhuffieDb db, TimeProvider clock, CancellationToken ct)
    {
        var idea = await db.FindAsync(number, ct);
        if (idea is null) return Problems.NotFound(db.NotFoundText(number));
        var userId = http.User.UserId();
        var isStaff = await db.IsStaffAsync(userId, ct);
        if (!isStaff && idea.AuthorId != userId)
            return Problems.Forbidden(T("Ideas.EditForbidden", number));
        if (!isStaff && idea.Status != IdeaStatus.Open)
            return Problems.Conflict(T("Ideas.EditClosed", number, idea.Status.Label()));

        var (validation, categoryId) = await ValidateAsync(request, db, ct);
        if (!validation.IsValid) return validation.ToProblem();
        Apply(idea, request, categoryId);
        idea.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        await using (var tx = await db.BeginWriteAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            await SearchIndex.UpdateAsync(db, idea.Id, ct);
            await tx.CommitAsync(ct);
        }
        return TypedResults.Ok((await db.DetailsAsync(number, userId, ct))!);
    }

    private static async Task<(Validation, int? CategoryId)> ValidateAsync(SubmitIdeaRequest request, WhuffieDb db, CancellationToken ct)
    {
        var validation = new Validation()
            .Text("title", request.Title, Idea.TitleMaxLength, min: 3)
            .OptionalText("body", request.Body, Idea.BodyMaxLength);
        int? categoryId = null;
        if (request.Category is { } slug)
        {
            categoryId = await db.Categories.Where(c => c.Slug == slug.Trim().ToLowerInvariant()).Select(c => (int?)c.Id).FirstOrDefaultAsync(ct);
            if (categoryId is null) validation.Add("category", T("Categories.NotFound", db.Tenant.Current.Name, slug));
        }
        return (validation, categoryId);
    }

    private static void Apply(Idea idea, SubmitIdeaRequest request, int? categoryId)
    {
        idea.Title = request.Title!.Trim();
        idea.Body = request.Body?.Trim() ?? "";
        idea.BodyHtml = Markdown.ToHtml(idea.Body);
        idea.CategoryId = categoryId;
    }

    /// <summary>
    /// Takes the organization's next idea number. The increment locks the organization's row
    /// until the transaction ends, so two submissions never get the same number, and a
    /// number once given is never given again.
    /// </summary>
    private static async Task<int> NextNumberAsync(WhuffieDb db, CancellationToken ct)
    {
        var orgId = db.Tenant.Current.Id;
        await db.Organizations.Where(o => o.Id == orgId)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LastIdeaNumber, o => o.LastIdeaNumber + 1), ct);
        return await db.Organizations.Where(o => o.Id == orgId).Select(o => o.LastIdeaNumber).FirstAsync(ct);
    }
}
