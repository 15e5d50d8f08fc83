using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Comments;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Organizations;
using Whuffie.Web;
using static Whuffie.Web.Text;

namespace Whuffie.Reputation;

/// <summary>
/// What staff decide about reputation: which comments helped, and whom they trust. Both are
/// staff-only, repeat harmlessly (PUT sets, DELETE clears), and the pages call the same handlers.
/// </summary>
public static class ReputationApi
{
    public static void MapReputationApi(this RouteGroupBuilder org)
    {
        var helpful = org.MapGroup("/ideas/{number:int}/comments/{id:int}/helpful").WithTags("Reputation").RequireOrgRole(OrgRole.Staff);
        helpful.MapPut("", (int number, int id, WhuffieDb db, CancellationToken ct) => MarkHelpfulAsync(number, id, true, db, ct));
        helpful.MapDelete("", (int number, int id, WhuffieDb db, CancellationToken ct) => MarkHelpfulAsync(number, id, false, db, ct));

        var trusted = org.MapGroup("/members/{userId:int}/trusted").WithTags("Reputation").RequireOrgRole(OrgRole.Staff);
        trusted.MapPut("", (int userId, WhuffieDb db, CancellationToken ct) => SetTrustedAsync(userId, true, db, ct));
        trusted.MapDelete("", (int userId, WhuffieDb db, CancellationToken ct) => SetTrustedAsync(userId, false, db, ct));
    }

    /// <summary>
    /// Marks (or unmarks) a comment as helpful. Staff's own comments are refused: the mark is the
    /// organization's thanks for what others bring, not a way to score its own answers.
    /// </summary>
    internal static async Task<Results<Ok<CommentDto>, ProblemHttpResult>> MarkHelpfulAsync(
        int number, int id, bool helpful, WhuffieDb db, CancellationToken ct)
    {
        var ideaId = await db.Ideas.Where(i => i.Number == number).Select(i => (int?)i.Id).FirstOrDefaultAsync(ct);
        if (ideaId is null) return Problems.NotFound(db.NotFoundText(number));
        var comment = await db.Comments.FirstOrDefaultAsync(c => c.IdeaId == ideaId && c.Id == id, ct);
        if (comment is null) return Problems.NotFound(T("Comments.NotFound", number, id));
        if (comment.IsStaff) return Problems.Unprocessable(T("Reputation.StaffCommentNotHelpful"));
        if (comment.MarkedHelpful != helpful)
        {
            comment.MarkedHelpful = helpful;
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(await CommentsApi.Project(db.Comments.AsNoTracking().Where(c => c.Id == id)).FirstAsync(ct));
    }

    /// <summary>Grants or revokes trusted-contributor status; only members of this organization can have it.</summary>
    internal static async Task<Results<Ok<MemberDto>, ProblemHttpResult>> SetTrustedAsync(
        int userId, bool trusted, WhuffieDb db, CancellationToken ct)
    {
        var membership = await db.Memberships.Include(m => m.User).FirstOrDefaultAsync(m => m.UserId == userId, ct);
        if (membership is null) return Problems.NotFound(T("Reputation.NotMember", db.Tenant.Current.Name, userId));
        if (membership.Trusted != trusted)
        {
            membership.Trusted = trusted;
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(new MemberDto(new UserRef(userId, membership.User!.DisplayName), membership.Role.ToName(), membership.JoinedAt, trusted));
    }
}
