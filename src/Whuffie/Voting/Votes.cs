using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Following;
using Whuffie.Ideas;
using Whuffie.Organizations;

namespace Whuffie.Voting;

/// <summary>
/// The vote rules. The primary key (idea, person) makes a second vote impossible; the count
/// in the idea row moves only when a row was really inserted or deleted, in the same
/// transaction, so it stays exact however many people vote at once.
/// </summary>
public static class Votes
{
    /// <summary>Casts the vote; true if it is new, false if the person had already voted.</summary>
    public static async Task<bool> CastAsync(WhuffieDb db, int ideaId, int userId, DateTime now, CancellationToken ct)
    {
        var orgId = db.Tenant.Current.Id;
        await using var tx = await db.BeginWriteAsync(ct, waitForDisk: false);
        await db.EnsureMemberAsync(userId, now, ct);
        var inserted = await db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "Votes" ("OrganizationId", "IdeaId", "UserId", "CreatedAt") VALUES ({orgId}, {ideaId}, {userId}, {now}) ON CONFLICT DO NOTHING""",
            ct);
        if (inserted == 1)
        {
            // A new vote follows the idea; someone who voted before and stopped following stays away.
            await db.FollowAsync(ideaId, userId, now, ct);
            var weight = Trending.Weight(Trending.VotePoints, now);
            await db.Ideas.Where(i => i.Id == ideaId).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.VoteCount, i => i.VoteCount + 1)
                .SetProperty(i => i.TrendScore, i => i.TrendScore + weight), ct);
        }
        await tx.CommitAsync(ct);
        return inserted == 1;
    }

    /// <summary>Withdraws the vote; false (and nothing changed) if there was none.</summary>
    public static async Task<bool> WithdrawAsync(WhuffieDb db, int ideaId, int userId, CancellationToken ct)
    {
        var vote = await db.Votes.AsNoTracking().Where(v => v.IdeaId == ideaId && v.UserId == userId)
            .Select(v => new { v.CreatedAt, v.FromIdeaId }).FirstOrDefaultAsync(ct);
        if (vote is null) return false;

        await using var tx = await db.BeginWriteAsync(ct, waitForDisk: false);
        var deleted = await db.Votes.Where(v => v.IdeaId == ideaId && v.UserId == userId).ExecuteDeleteAsync(ct);
        if (deleted == 1)
        {
            // Carried-over votes never added to the trend, so they take nothing from it.
            var weight = vote.FromIdeaId is null ? Trending.Weight(Trending.VotePoints, vote.CreatedAt) : 0;
            await db.Ideas.Where(i => i.Id == ideaId).ExecuteUpdateAsync(s => s
                .SetProperty(i => i.VoteCount, i => i.VoteCount - 1)
                .SetProperty(i => i.TrendScore, i => i.TrendScore - weight), ct);
        }
        await tx.CommitAsync(ct);
        return deleted == 1;
    }

    /// <summary>Gives the original a vote from every voter of the duplicate who had not voted for it yet.</summary>
    public static async Task CarryOverAsync(WhuffieDb db, int from, int to, CancellationToken ct)
    {
        // The WHERE clause is needed: SQLite reads "SELECT … ON CONFLICT" as a join otherwise.
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "Votes" ("OrganizationId", "IdeaId", "UserId", "CreatedAt", "FromIdeaId")
            SELECT "OrganizationId", {to}, "UserId", "CreatedAt", {from} FROM "Votes" WHERE "IdeaId" = {from}
            ON CONFLICT DO NOTHING
            """, ct);
        await RecountAsync(db, to, ct);
    }

    /// <summary>Undoes <see cref="CarryOverAsync"/>: removes exactly the votes that came from the duplicate.</summary>
    public static async Task TakeBackCarriedAsync(WhuffieDb db, int from, int to, CancellationToken ct)
    {
        await db.Votes.Where(v => v.IdeaId == to && v.FromIdeaId == from).ExecuteDeleteAsync(ct);
        await RecountAsync(db, to, ct);
    }

    private static Task RecountAsync(WhuffieDb db, int ideaId, CancellationToken ct) =>
        db.Ideas.Where(i => i.Id == ideaId).ExecuteUpdateAsync(s => s
            .SetProperty(i => i.VoteCount, i => db.Votes.Count(v => v.IdeaId == i.Id)), ct);
}
