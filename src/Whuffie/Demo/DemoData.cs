using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Whuffie.Accounts;
using Whuffie.Categories;
using Whuffie.Comments;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Organizations;
using Whuffie.Voting;
using Whuffie.Web;

namespace Whuffie.Demo;

/// <summary>Example organizations, people, ideas, votes, comments and answers.</summary>
public static class DemoData
{
    public const string Password = "demo-password-1";

    /// <summary>Everyone in the demo. Staff carry their organization in their name, so readers see who answers.</summary>
    internal static readonly DemoPerson[] People =
    [
        new("lars", "lars@soeborg-bibliotek.example", "Lars Nielsen (Søborg Bibliotek)"),
        new("mette", "mette@soeborg-bibliotek.example", "Mette Kjær (Søborg Bibliotek)"),
        new("anna", "anna@malmo-stad.example", "Anna Lindqvist (Malmö stad)"),
        new("johan", "johan@malmo-stad.example", "Johan Berg (Malmö stad)"),
        new("femke", "femke@energie-utrecht.example", "Femke de Vries (Energie Utrecht)"),
        new("willem", "willem@energie-utrecht.example", "Willem Bakker (Energie Utrecht)"),
        new("sofie", "sofie@example.com", "Sofie Hansen", Leaderboard: true),
        new("mads", "mads@example.com", "Mads Jørgensen", Leaderboard: true),
        new("jonas", "jonas@example.com", "Jonas Holm", Leaderboard: true),
        new("tom", "tom@example.com", "Tom Fletcher", Leaderboard: true),
        new("freja", "freja@example.com", "Freja Lund", Leaderboard: true),
        new("emma", "emma@example.com", "Emma Svensson", Leaderboard: true),
        new("oskar", "oskar@example.com", "Oskar Nilsson", Leaderboard: true),
        new("linnea", "linnea@example.com", "Linnea Persson", Leaderboard: true),
        new("amir", "amir@example.com", "Amir Karimi", Leaderboard: true),
        new("sanne", "sanne@example.com", "Sanne de Boer", Leaderboard: true),
        new("bram", "bram@example.com", "Bram Visser", Leaderboard: true),
        new("lotte", "lotte@example.com", "Lotte Smit", Leaderboard: true),
        new("ingrid", "ingrid@example.com", "Ingrid Solberg"),
        new("priya", "priya@example.com", "Priya Raman"),
    ];

    internal static readonly DemoOrg[] Organizations = [SoeborgBibliotek.Content, MalmoStad.Content, EnergieUtrecht.Content];

    /// <summary>Adds the demo data unless it is already there; true if it added it.</summary>
    public static async Task<bool> SeedAsync(IServiceProvider services, TextWriter log, CancellationToken ct = default)
    {
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WhuffieDb>();
            if (await db.Organizations.AnyAsync(o => o.Slug == Organizations[0].Slug, ct)) return false;
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var userIds = await AddPeopleAsync(services, now, ct);

        // Each organization goes in whole or not at all, and the first one (the one checked
        // above) goes in last: after a failed run, running again finishes the job.
        var added = new List<string>();
        for (var i = Organizations.Length - 1; i >= 0; i--)
            if (await AddOrganizationAsync(services, Organizations[i], userIds, now, ct) is { } summary)
                added.Insert(0, summary);
        var indexed = await Search.SearchIndex.CatchUpAsync(services, ct);

        await log.WriteLineAsync("Added the demo data:");
        foreach (var line in added) await log.WriteLineAsync($"  {line}");
        await log.WriteLineAsync($"Sign in with the password {Password} as");
        foreach (var org in Organizations)
            foreach (var (key, role) in org.Staff)
                await log.WriteLineAsync($"  {Person(key).Email,-34} {role.ToName()} of {org.Name}");
        var others = People.Count(p => p.Email.EndsWith("@example.com", StringComparison.Ordinal)) - 1;
        await log.WriteLineAsync($"  {Person("sofie").Email,-34} a customer, like the {others} other @example.com people");
        return true;
    }

    private static DemoPerson Person(string key) =>
        People.FirstOrDefault(p => p.Key == key) ?? throw Broken($"there is no person '{key}'");

    private static async Task<Dictionary<string, int>> AddPeopleAsync(IServiceProvider services, DateTime now, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var ids = new Dictionary<string, int>();
        foreach (var person in People)
        {
            // Someone may have signed up with a demo address already; use that account as it is.
            var user = await users.FindByEmailAsync(person.Email);
            if (user is null)
            {
                user = new User
                {
                    UserName = person.Email,
                    Email = person.Email,
                    EmailConfirmed = true,
                    DisplayName = person.DisplayName,
                    CreatedAt = now.AddDays(-90),
                    ShowOnLeaderboard = person.Leaderboard,
                };
                var result = await users.CreateAsync(user, Password);
                if (!result.Succeeded)
                    throw new InvalidOperationException($"Could not create the demo account {person.Email}: "
                        + string.Join(" ", result.Errors.Select(e => e.Description)));
            }
            ids[person.Key] = user.Id;
        }
        return ids;
    }

    /// <summary>Adds one organization with everything in it; null if its slug is already taken.</summary>
    private static async Task<string?> AddOrganizationAsync(
        IServiceProvider services, DemoOrg content, Dictionary<string, int> userIds, DateTime now, CancellationToken ct)
    {
        // A context can work in one organization only, so each gets its own scope.
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WhuffieDb>();
        await using var tx = await db.BeginWriteAsync(ct);

        var createdAt = now.AddDays(-content.AgeDays);
        var org = await OrganizationRules.CreateAsync(db, content.Slug, content.Name, content.Language, createdAt, ct);
        if (org is null) return null;
        db.Tenant.Enter(org);

        var staff = content.Staff.ToDictionary(s => s.Person, s => s.Role);
        var joined = staff.Keys.ToDictionary(k => k, _ => createdAt);
        void TookPart(string person, DateTime at)
        {
            if (!joined.TryGetValue(person, out var first) || at < first) joined[person] = at;
        }
        int Id(string person) => userIds.TryGetValue(person, out var id) ? id : throw Broken($"there is no person '{person}'");

        var categories = content.Categories.ToDictionary(c => c.Slug, c => new Category { Slug = c.Slug, Name = c.Name });
        db.Categories.AddRange(categories.Values);

        // Ideas first: votes and comments refer to them by id.
        var ideas = new List<(DemoIdea Data, Idea Row)>();
        foreach (var data in content.Ideas)
        {
            var number = ideas.Count + 1;
            var at = now.AddDays(-data.DaysAgo);
            Check(at > createdAt && (number == 1 || at > ideas[^1].Row.CreatedAt), $"#{number} of {content.Slug} must come after the one before it");
            var row = new Idea
            {
                Number = number,
                Title = data.Title,
                Body = data.Body,
                BodyHtml = Markdown.ToHtml(data.Body),
                Category = categories.GetValueOrDefault(data.Category) ?? throw Broken($"#{number} of {content.Slug} has no category '{data.Category}'"),
                AuthorId = Id(data.Author),
                CreatedAt = at,
                UpdatedAt = at,
                TrendScore = Trending.Weight(Trending.SubmitPoints, at),
            };
            TookPart(data.Author, at);
            foreach (var answer in data.Answers ?? [])
            {
                var when = After(row, answer.AfterDays, now);
                Check(staff.ContainsKey(answer.Actor), $"{answer.Actor} answers on #{number} of {content.Slug} but is not staff there");
                Check(when > row.UpdatedAt, $"the answers on #{number} of {content.Slug} are out of order");
                Check((answer.To == IdeaStatus.Duplicate) == (answer.DuplicateOf is not null) && (answer.DuplicateOf ?? 0) < number,
                    $"#{number} of {content.Slug} must name an earlier idea exactly when it is a duplicate");
                row.Timeline.Add(new StatusChange
                {
                    ActorId = Id(answer.Actor),
                    At = when,
                    From = row.Status,
                    To = answer.To,
                    Answer = answer.Text,
                    AnswerHtml = Markdown.ToHtml(answer.Text),
                    DuplicateOfNumber = answer.DuplicateOf,
                });
                row.Status = answer.To;
                row.DuplicateOf = answer.DuplicateOf is { } original ? ideas[original - 1].Row : null;
                row.UpdatedAt = when;
            }
            ideas.Add((data, row));
        }
        db.Ideas.AddRange(ideas.Select(i => i.Row));
        await db.SaveChangesAsync(ct);

        var votes = new List<Vote>();
        var comments = 0;
        foreach (var (data, row) in ideas)
        {
            // Votes come in fast at first and then slow down; nobody votes on a merged duplicate.
            var end = row.Status == IdeaStatus.Duplicate ? row.UpdatedAt : now;
            var window = TimeSpan.FromDays(Math.Min((end - row.CreatedAt).TotalDays * 0.9, 21));
            for (var i = 0; i < data.Voters.Length; i++)
            {
                var fraction = (i + 1.0) / (data.Voters.Length + 1);
                var at = row.CreatedAt + window * (fraction * fraction);
                Check(data.Voters[i] != data.Author && data.Voters.Count(v => v == data.Voters[i]) == 1,
                    $"the voters on #{row.Number} of {content.Slug} must be other people than the author, each once");
                votes.Add(new Vote { IdeaId = row.Id, UserId = Id(data.Voters[i]), CreatedAt = at });
                row.VoteCount++;
                row.TrendScore += Trending.Weight(Trending.VotePoints, at);
                TookPart(data.Voters[i], at);
            }
            foreach (var c in data.Comments ?? [])
            {
                var at = After(row, c.AfterDays, now);
                Check(!c.Helpful || !staff.ContainsKey(c.Author), $"a staff comment on #{row.Number} of {content.Slug} is marked helpful, which the rules refuse");
                db.Comments.Add(new Comment
                {
                    IdeaId = row.Id,
                    AuthorId = Id(c.Author),
                    Body = c.Body,
                    BodyHtml = Markdown.ToHtml(c.Body),
                    IsStaff = staff.ContainsKey(c.Author),
                    MarkedHelpful = c.Helpful,
                    CreatedAt = at,
                });
                row.CommentCount++;
                row.TrendScore += Trending.Weight(Trending.CommentPoints, at);
                TookPart(c.Author, at);
                comments++;
            }
        }

        // As StatusChanges does when merging: the duplicate's voters now back the original too.
        // These votes add nothing to the trend, as Votes.WithdrawAsync expects.
        foreach (var (_, duplicate) in ideas.Where(i => i.Row.DuplicateOf is not null))
        {
            var original = duplicate.DuplicateOf!;
            foreach (var vote in votes.Where(v => v.IdeaId == duplicate.Id).ToList())
            {
                if (votes.Any(v => v.IdeaId == original.Id && v.UserId == vote.UserId)) continue;
                votes.Add(new Vote { IdeaId = original.Id, UserId = vote.UserId, CreatedAt = vote.CreatedAt, FromIdeaId = duplicate.Id });
                original.VoteCount++;
            }
        }
        db.Votes.AddRange(votes);

        Check(content.Trusted?.All(joined.ContainsKey) ?? true, $"a trusted contributor of {content.Slug} takes no part there");
        db.Memberships.AddRange(joined.Select(p => new Membership
        {
            UserId = Id(p.Key),
            Role = staff.GetValueOrDefault(p.Key, OrgRole.Member),
            JoinedAt = p.Value,
            Trusted = content.Trusted?.Contains(p.Key) == true,
        }));
        org.LastIdeaNumber = ideas.Count;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);

        return $"{org.Name} (/{org.Slug}): {ideas.Count} ideas, {votes.Count} votes, {comments} comments, {joined.Count} members";
    }

    private static DateTime After(Idea idea, double days, DateTime now)
    {
        var at = idea.CreatedAt.AddDays(days);
        Check(days > 0 && at < now, $"an event on #{idea.Number} is {days} days after it, which is not between then and now");
        return at;
    }

    private static void Check(bool condition, string problem)
    {
        if (!condition) throw Broken(problem);
    }

    private static InvalidOperationException Broken(string problem) => new($"The demo data is inconsistent: {problem}.");
}

/// <summary>Leaderboard: the person chose to be shown on leaderboards.</summary>
internal sealed record DemoPerson(string Key, string Email, string DisplayName, bool Leaderboard = false);

/// <summary>An organization's demo content. AgeDays: how long ago it joined Whuffie; Trusted: members staff made trusted contributors.</summary>
internal sealed record DemoOrg(
    string Slug, string Name, string Language, double AgeDays,
    (string Person, OrgRole Role)[] Staff,
    (string Slug, string Name)[] Categories,
    DemoIdea[] Ideas,
    string[]? Trusted = null);

/// <summary>
/// One idea, numbered by its place in the list, so the list is in the order they were submitted.
/// Comments and answers are timed in days after the idea; votes are spread out automatically.
/// </summary>
internal sealed record DemoIdea(
    string Category, string Author, double DaysAgo, string Title, string Body,
    string[] Voters, DemoComment[]? Comments = null, DemoAnswer[]? Answers = null);

/// <summary>Helpful: staff marked it helpful.</summary>
internal sealed record DemoComment(string Author, double AfterDays, string Body, bool Helpful = false);

/// <summary>A status change with its public answer; DuplicateOf is the number of the original idea.</summary>
internal sealed record DemoAnswer(IdeaStatus To, string Actor, double AfterDays, string Text, int? DuplicateOf = null);
