using Microsoft.EntityFrameworkCore;
using Whuffie.Data;

namespace Whuffie.Search;

/// <summary>
/// Keeps the search index in step with the ideas, in the transaction of each change. PostgreSQL holds a
/// tsvector per idea (title weighted A, body B, comments C) made by the text search configuration of the
/// idea's language. SQLite holds two FTS5 tables: SearchIdeas with the terms <see cref="TextAnalysis"/>
/// makes, and SearchTitles with the titles for FTS5's trigram tokenizer. Their rowid is
/// <see cref="Key"/>, so a query can stay inside one organization's range of rows.
/// Both live outside the EF model: they are written and read by the SQL here and in <see cref="IdeaSearch"/>.
/// </summary>
public static class SearchIndex
{
    public static long Key(int organizationId, int ideaId) => ((long)organizationId << 32) | (uint)ideaId;

    public static (long From, long To) KeyRange(int organizationId) => (Key(organizationId, 0), Key(organizationId, int.MaxValue));

    /// <summary>Analyses one idea again: after it is written or edited, and after each new comment.</summary>
    public static Task UpdateAsync(WhuffieDb db, int ideaId, CancellationToken ct) => UpdateAsync(db, [ideaId], ct);

    public static async Task UpdateAsync(WhuffieDb db, IReadOnlyList<int> ideaIds, CancellationToken ct)
    {
        if (ideaIds.Count == 0) return;
        if (db.Database.IsNpgsql())
        {
            // One statement for the lot; the language picks the configuration, row by row.
            var ids = ideaIds.ToArray();
            await db.Database.ExecuteSqlAsync($"""
                UPDATE "Ideas" AS i SET "SearchVector" =
                    setweight(to_tsvector(c.cfg, i."Title"), 'A') || setweight(to_tsvector(c.cfg, i."Body"), 'B') ||
                    setweight(to_tsvector(c.cfg, coalesce((SELECT string_agg(m."Body", ' ' ORDER BY m."Id")
                                                           FROM "Comments" AS m WHERE m."IdeaId" = i."Id"), '')), 'C')
                FROM (SELECT j."Id", CASE j."Language" WHEN 'da' THEN 'danish' WHEN 'sv' THEN 'swedish'
                        WHEN 'nb' THEN 'norwegian' WHEN 'nl' THEN 'dutch' WHEN 'en' THEN 'english'
                        ELSE 'simple' END::regconfig AS cfg
                      FROM "Ideas" AS j WHERE j."Id" = ANY({ids})) AS c
                WHERE i."Id" = c."Id"
                """, ct);
            return;
        }

        var ideas = await db.Ideas.IgnoreQueryFilters().AsNoTracking().Where(i => ideaIds.Contains(i.Id))
            .Select(i => new { i.Id, i.OrganizationId, i.Title, i.Body, i.Language }).ToListAsync(ct);
        var comments = (await db.Comments.IgnoreQueryFilters().AsNoTracking().Where(c => ideaIds.Contains(c.IdeaId))
            .OrderBy(c => c.Id).Select(c => new { c.IdeaId, c.Body }).ToListAsync(ct)).ToLookup(c => c.IdeaId, c => c.Body);
        foreach (var idea in ideas)
        {
            var key = Key(idea.OrganizationId, idea.Id);
            var title = TextAnalysis.IndexText(idea.Title, idea.Language);
            var body = TextAnalysis.IndexText(idea.Body, idea.Language);
            var said = string.Join(' ', comments[idea.Id].Select(c => TextAnalysis.IndexText(c, idea.Language)));
            // Contentless tables (the stems are never shown) with contentless_delete, so a row can be replaced.
            await db.Database.ExecuteSqlAsync($"""
                DELETE FROM "SearchIdeas" WHERE rowid = {key};
                INSERT INTO "SearchIdeas" (rowid, "Title", "Body", "Comments") VALUES ({key}, {title}, {body}, {said});
                DELETE FROM "SearchTitles" WHERE rowid = {key};
                INSERT INTO "SearchTitles" (rowid, "Title") VALUES ({key}, {idea.Title});
                """, ct);
        }
    }

    /// <summary>
    /// Guesses the language of, and indexes, every idea that has none yet (Language ""): ideas from before
    /// search existed and bulk-loaded ones (<see cref="Demo.ScaleData"/>). Run at start-up after migrating.
    /// </summary>
    public static async Task<int> CatchUpAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        return await CatchUpAsync(scope.ServiceProvider.GetRequiredService<WhuffieDb>(), ct);
    }

    public static async Task<int> CatchUpAsync(WhuffieDb db, CancellationToken ct)
    {
        var languages = await db.Organizations.AsNoTracking().ToDictionaryAsync(o => o.Id, ct);
        var done = 0;
        while (true)
        {
            var batch = await db.Ideas.IgnoreQueryFilters().Where(i => i.Language == "").OrderBy(i => i.Id).Take(500).ToListAsync(ct);
            if (batch.Count == 0) return done;
            await using var tx = await db.BeginWriteAsync(ct);
            foreach (var idea in batch)
                idea.Language = LanguageGuess.Guess(idea.Title + "\n" + idea.Body, languages[idea.OrganizationId].WritingLanguages);
            await db.SaveChangesAsync(ct);
            await UpdateAsync(db, batch.Select(i => i.Id).ToList(), ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            done += batch.Count;
        }
    }
}
