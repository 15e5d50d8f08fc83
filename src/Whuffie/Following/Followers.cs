using Microsoft.EntityFrameworkCore;
using Whuffie.Data;

namespace Whuffie.Following;

/// <summary>Who follows which idea. Following again changes nothing; the first choice of "every comment" stays.</summary>
public static class Followers
{
    /// <summary>Follows the idea, inside the caller's write (submitting, voting, commenting all follow).</summary>
    public static Task FollowAsync(this WhuffieDb db, int ideaId, int userId, DateTime now, CancellationToken ct, bool everyComment = false)
    {
        var orgId = db.Tenant.Current.Id;
        // Following of one's own accord makes a follow carried over from a merged duplicate one's
        // own, so splitting the duplicate off again leaves it in place.
        return db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "Follows" ("OrganizationId", "IdeaId", "UserId", "EveryComment", "CreatedAt") VALUES ({orgId}, {ideaId}, {userId}, {everyComment}, {now})
            ON CONFLICT ("IdeaId", "UserId") DO UPDATE SET "FromIdeaId" = NULL WHERE "Follows"."FromIdeaId" IS NOT NULL
            """,
            ct);
    }

    /// <summary>
    /// Makes every follower of the duplicate who does not follow the original follow it too, as
    /// closely as they followed the duplicate, marked as carried over. They keep following the duplicate.
    /// </summary>
    public static Task CarryOverAsync(WhuffieDb db, int from, int to, DateTime now, CancellationToken ct) =>
        // The WHERE clause is needed: SQLite reads "SELECT … ON CONFLICT" as a join otherwise.
        db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "Follows" ("OrganizationId", "IdeaId", "UserId", "EveryComment", "CreatedAt", "FromIdeaId")
            SELECT "OrganizationId", {to}, "UserId", "EveryComment", {now}, {from} FROM "Follows" WHERE "IdeaId" = {from}
            ON CONFLICT DO NOTHING
            """, ct);

    /// <summary>Undoes <see cref="CarryOverAsync"/>: removes exactly the follows that came from the duplicate.</summary>
    public static Task TakeBackCarriedAsync(WhuffieDb db, int from, int to, CancellationToken ct) =>
        db.Follows.Where(f => f.IdeaId == to && f.FromIdeaId == from).ExecuteDeleteAsync(ct);

    /// <summary>Sets how closely the person follows the idea: null stops following it.</summary>
    public static async Task SetAsync(this WhuffieDb db, int ideaId, int userId, bool? everyComment, DateTime now, CancellationToken ct)
    {
        if (everyComment is not { } every)
        {
            await db.Follows.Where(f => f.IdeaId == ideaId && f.UserId == userId).ExecuteDeleteAsync(ct);
            return;
        }
        await db.FollowAsync(ideaId, userId, now, ct, every);
        await db.Follows.Where(f => f.IdeaId == ideaId && f.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.EveryComment, every), ct);
    }
}
