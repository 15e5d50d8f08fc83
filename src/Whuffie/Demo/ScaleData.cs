using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Comments;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Organizations;
using Whuffie.Voting;
using Whuffie.Web;

namespace Whuffie.Demo;

/// <summary>
/// A large, plausible data set for benchmarks: `whuffie demo --scale small|large`.
/// Organizations bench-001…, people bench-00001@example.com (password <see cref="Password"/>),
/// ideas with a long tail of votes (a few hot ideas, most with a handful) and comments.
/// Deterministic (fixed seed), so runs compare. Counts in the idea rows match the rows.
/// </summary>
public static class ScaleData
{
    public const string Password = "bench-password-1";

    public sealed record Size(int Organizations, int IdeasPerOrganization, int People, int MaxVotesPerIdea, int CommentsPerOrganization);

    /// <summary>large: 100 organizations, 100,000 ideas, about 1,000,000 votes, 200,000 comments.</summary>
    public static readonly IReadOnlyDictionary<string, Size> Sizes = new Dictionary<string, Size>(StringComparer.Ordinal)
    {
        ["small"] = new(5, 100, 500, 50, 200),
        ["large"] = new(100, 1_000, 10_000, 50, 2_000),
    };

    public static string OrgSlug(int i) => $"bench-{i:000}";
    public static string Email(int i) => $"bench-{i:00000}@example.com";

    /// <returns>false when the data set is already there.</returns>
    public static async Task<bool> SeedAsync(IServiceProvider services, Size size, TextWriter output, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WhuffieDb>();
        if (await db.Organizations.AnyAsync(o => o.Slug == OrgSlug(1), ct)) return false;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var random = new Random(20261123);

        var people = await AddPeopleAsync(db, size.People, now, ct);
        await output.WriteLineAsync($"{people.Count:N0} people (password {Password})");
        long votes = 0, comments = 0;
        for (var o = 1; o <= size.Organizations; o++)
        {
            // One context per organization: a context works in exactly one tenant.
            await using var orgScope = services.CreateAsyncScope();
            var orgDb = orgScope.ServiceProvider.GetRequiredService<WhuffieDb>();
            orgDb.ChangeTracker.AutoDetectChangesEnabled = false;
            var (v, c) = await AddOrganizationAsync(orgDb, o, size, people, random, now, ct);
            votes += v;
            comments += c;
            if (o % 10 == 0 || o == size.Organizations)
                await output.WriteLineAsync($"{o} organizations, {o * size.IdeasPerOrganization:N0} ideas, {votes:N0} votes, {comments:N0} comments");
        }
        var indexed = await Search.SearchIndex.CatchUpAsync(services, ct);
        await output.WriteLineAsync($"{indexed:N0} ideas indexed for search");
        return true;
    }

    private static async Task<List<int>> AddPeopleAsync(WhuffieDb db, int count, DateTime now, CancellationToken ct)
    {
        // One hash for everyone: hashing 10,000 passwords one by one would take minutes.
        var hash = new PasswordHasher<User>().HashPassword(new User(), Password);
        var users = Enumerable.Range(1, count).Select(i => new User
        {
            UserName = Email(i),
            NormalizedUserName = Email(i).ToUpperInvariant(),
            Email = Email(i),
            NormalizedEmail = Email(i).ToUpperInvariant(),
            EmailConfirmed = true,
            PasswordHash = hash,
            SecurityStamp = Guid.NewGuid().ToString("N"),
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            DisplayName = $"Bench person {i}",
            CreatedAt = now.AddDays(-400),
            LockoutEnabled = true,
        }).ToList();
        foreach (var chunk in users.Chunk(2_000))
        {
            db.Users.AddRange(chunk);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return users.Select(u => u.Id).ToList();
    }

    private static async Task<(long Votes, long Comments)> AddOrganizationAsync(
        WhuffieDb db, int index, Size size, List<int> people, Random random, DateTime now, CancellationToken ct)
    {
        var org = await OrganizationRules.CreateAsync(db, OrgSlug(index), $"Bench organization {index}", "en", now.AddDays(-400), ct)
            ?? throw new InvalidOperationException($"{OrgSlug(index)} exists.");
        // Every language, so each search is read five ways: the dearest case for the search benchmark.
        org.Languages = string.Join(",", Search.TextAnalysis.Languages.OrderBy(l => l == "en" ? 0 : 1));
        db.Entry(org).Property(o => o.Languages).IsModified = true; // change tracking is off while seeding
        db.Tenant.Enter(org);
        db.Memberships.Add(new Membership { UserId = people[index % people.Count], Role = OrgRole.Admin, JoinedAt = now.AddDays(-400) });

        var ideas = new List<Idea>(size.IdeasPerOrganization);
        var voters = new List<int>[size.IdeasPerOrganization];
        for (var n = 1; n <= size.IdeasPerOrganization; n++)
        {
            var created = now.AddMinutes(-random.Next(1, 365 * 24 * 60));
            // A uniform number to the 4th power gives a long tail: mean MaxVotes/5, a few near MaxVotes.
            var voteCount = (int)(Math.Pow(random.NextDouble(), 4) * (size.MaxVotesPerIdea + 1));
            voteCount = Math.Min(voteCount, people.Count);
            var start = random.Next(people.Count);
            voters[n - 1] = Enumerable.Range(0, voteCount).Select(k => people[(start + k) % people.Count]).ToList();
            var body = $"Idea {n} of organization {index}: a sentence or two about what would be better, and for whom.";
            ideas.Add(new Idea
            {
                Number = n,
                Title = $"Idea {n}: {Titles[n % Titles.Length]}",
                Body = body,
                BodyHtml = Markdown.ToHtml(body),
                AuthorId = people[random.Next(people.Count)],
                Status = Statuses[random.Next(Statuses.Length)],
                VoteCount = voteCount,
                CreatedAt = created,
                UpdatedAt = created,
                TrendScore = Trending.Weight(Trending.SubmitPoints + voteCount * Trending.VotePoints, created),
            });
        }
        var commentsPerIdea = new int[ideas.Count];
        for (var c = 0; c < size.CommentsPerOrganization; c++) commentsPerIdea[random.Next(ideas.Count)]++;
        for (var i = 0; i < ideas.Count; i++) ideas[i].CommentCount = commentsPerIdea[i];

        db.Ideas.AddRange(ideas);
        await db.SaveChangesAsync(ct);
        await db.Organizations.Where(o => o.Id == org.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.LastIdeaNumber, size.IdeasPerOrganization), ct);

        long votes = 0;
        var batch = new List<Vote>();
        var comments = new List<Comment>();
        for (var i = 0; i < ideas.Count; i++)
        {
            foreach (var voter in voters[i])
                batch.Add(new Vote { IdeaId = ideas[i].Id, UserId = voter, CreatedAt = ideas[i].CreatedAt });
            for (var c = 0; c < commentsPerIdea[i]; c++)
                comments.Add(new Comment
                {
                    IdeaId = ideas[i].Id,
                    AuthorId = people[random.Next(people.Count)],
                    Body = "I would use this every week.",
                    BodyHtml = "<p>I would use this every week.</p>\n",
                    CreatedAt = ideas[i].CreatedAt.AddHours(c + 1),
                });
            votes += voters[i].Count;
        }
        foreach (var chunk in batch.Chunk(5_000))
        {
            db.Votes.AddRange(chunk);
            await db.SaveChangesAsync(ct);
        }
        db.Comments.AddRange(comments);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return (votes, comments.Count);
    }

    private static readonly IdeaStatus[] Statuses =
    [
        IdeaStatus.Open, IdeaStatus.Open, IdeaStatus.Open, IdeaStatus.Open, IdeaStatus.UnderReview,
        IdeaStatus.Planned, IdeaStatus.InProgress, IdeaStatus.Launched, IdeaStatus.Declined,
    ];

    private static readonly string[] Titles =
    [
        "longer opening hours", "more bike parking", "a quiet study room", "online booking",
        "clearer invoices", "a repair café", "events for children", "better signs at the entrance",
    ];
}
