using Microsoft.EntityFrameworkCore;
using Whuffie.Data;

namespace Whuffie.Notifications;

/// <summary>Who follows which idea. Following again changes nothing; the first choice of "every comment" stays.</summary>
public static class Followers
{
    /// <summary>Follows the idea, inside the caller's write (submitting, voting, commenting all follow).</summary>
    public static Task FollowAsync(this WhuffieDb db, int ideaId, int userId, DateTime now, CancellationToken ct, bool everyComment = false)
    {
        var orgId = db.Tenant.Current.Id;
        return db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "Follows" ("OrganizationId", "IdeaId", "UserId", "EveryComment", "CreatedAt") VALUES ({orgId}, {ideaId}, {userId}, {everyComment}, {now}) ON CONFLICT DO NOTHING""",
            ct);
    }

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
