using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Whuffie.Answering;
using Whuffie.Data;
using Whuffie.Ideas;
using Whuffie.Launches;

namespace Whuffie.Insights;

/// <summary>
/// One ISO week (Monday 00:00 up to the next Monday, UTC) of an organization's forum. Votes leave
/// out those carried over from a merged duplicate (the voter cast them once, on the duplicate);
/// comments and participants leave out staff comments, which count as answers instead.
/// </summary>
public sealed record WeekFigures(DateTime Monday, int Submitted, int Votes, int Comments, int Participants, int Answered, int Launched)
{
    public int Number => ISOWeek.GetWeekOfYear(Monday);
}

/// <summary>All answers to "did it help?" so far.</summary>
public sealed record HelpFigures(int Yes, int Partly, int No)
{
    public int Total => Yes + Partly + No;

    /// <summary>A count as a share of all answers, 0 to 1 (0 when nobody has answered).</summary>
    public double Share(int count) => Total == 0 ? 0 : (double)count / Total;
}

/// <summary>The insights page's figures: the last whole weeks, oldest first, and the totals so far.</summary>
public sealed record InsightReport(IReadOnlyList<WeekFigures> Weeks, ResponseFigures Responses, int Launched, HelpFigures Helped)
{
    /// <summary>The end of the last week shown: the Monday that starts the week now running.</summary>
    public DateTime End => Weeks[^1].Monday.AddDays(7);
}

/// <summary>
/// How an organization listens, week by week. Weeks are whole: the one now running is left out,
/// so a week just begun never reads as a drop. Each kind of activity is one grouped query (per
/// week and person), so what comes back is at most weeks × active people, however busy the forum.
/// </summary>
public static class InsightFigures
{
    public const int WeekCount = 12;

    /// <summary>Monday 00:00 UTC of the ISO week that holds <paramref name="at"/>.</summary>
    public static DateTime MondayOf(DateTime at) => at.Date.AddDays(-(((int)at.DayOfWeek + 6) % 7));

    public static async Task<InsightReport> ComputeAsync(WhuffieDb db, DateTime now, CancellationToken ct)
    {
        var end = MondayOf(now);
        var starts = Enumerable.Range(0, WeekCount).Select(w => end.AddDays(7 * (w - WeekCount))).ToArray();

        var submitted = await ByWeekAsync(db.Ideas.Select(i => new Act { At = i.CreatedAt, Who = i.AuthorId }), starts, end, ct);
        var votes = await ByWeekAsync(db.Votes.Where(v => v.FromIdeaId == null).Select(v => new Act { At = v.CreatedAt, Who = v.UserId }), starts, end, ct);
        var comments = await ByWeekAsync(db.Comments.Where(c => !c.IsStaff).Select(c => new Act { At = c.CreatedAt, Who = c.AuthorId }), starts, end, ct);
        // "Who" is the idea here: an idea launched, reopened and launched again in one week counts once.
        var launches = await ByWeekAsync(db.StatusChanges.Where(s => s.To == IdeaStatus.Launched).Select(s => new Act { At = s.At, Who = s.IdeaId }), starts, end, ct);
        var responses = await ResponseFigures.ComputeAsync(db, now, ct);
        var launched = await db.Ideas.CountAsync(i => i.Status == IdeaStatus.Launched, ct);
        var help = await db.HelpAnswers.GroupBy(h => h.Answer).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);

        var answered = new int[WeekCount];
        foreach (var at in responses.FirstAnswers.Where(at => at >= starts[0] && at < end))
            answered[(int)((at - starts[0]).TotalDays / 7)]++;

        var weeks = Enumerable.Range(0, WeekCount).Select(w => new WeekFigures(starts[w],
            submitted[w].Values.Sum(), votes[w].Values.Sum(), comments[w].Values.Sum(),
            submitted[w].Keys.Union(votes[w].Keys).Union(comments[w].Keys).Count(),
            answered[w], launches[w].Count)).ToList();
        return new InsightReport(weeks, responses, launched,
            new HelpFigures(help.GetValueOrDefault(Helped.Yes), help.GetValueOrDefault(Helped.Partly), help.GetValueOrDefault(Helped.No)));
    }

    /// <summary>Something someone did at a moment; <see cref="Week"/> is filled in by <see cref="WeekOf"/>.</summary>
    private sealed class Act
    {
        public DateTime At { get; init; }
        public int Who { get; init; }
        public int Week { get; init; }
    }

    /// <summary>For each week, how often each person acted in it.</summary>
    private static async Task<Dictionary<int, int>[]> ByWeekAsync(IQueryable<Act> acts, DateTime[] starts, DateTime end, CancellationToken ct)
    {
        var from = starts[0];
        var rows = await acts.Where(a => a.At >= from && a.At < end).Select(WeekOf(starts))
            .GroupBy(a => new { a.Week, a.Who }).Select(g => new { g.Key.Week, g.Key.Who, Count = g.Count() })
            .ToListAsync(ct);
        var weeks = starts.Select(_ => new Dictionary<int, int>()).ToArray();
        foreach (var row in rows) weeks[row.Week][row.Who] = row.Count;
        return weeks;
    }

    /// <summary>
    /// <c>a => new Act { Who = a.Who, Week = a.At &lt; starts[1] ? 0 : a.At &lt; starts[2] ? 1 : … }</c>: a CASE
    /// that both databases group by, where their date functions differ (and SQLite keeps text).
    /// </summary>
    private static Expression<Func<Act, Act>> WeekOf(DateTime[] starts)
    {
        var a = Expression.Parameter(typeof(Act), "a");
        var at = Expression.Property(a, nameof(Act.At));
        Expression week = Expression.Constant(starts.Length - 1);
        for (var w = starts.Length - 2; w >= 0; w--)
            week = Expression.Condition(Expression.LessThan(at, Expression.Constant(starts[w + 1])), Expression.Constant(w), week);
        return Expression.Lambda<Func<Act, Act>>(Expression.MemberInit(Expression.New(typeof(Act)),
            Expression.Bind(typeof(Act).GetProperty(nameof(Act.Who))!, Expression.Property(a, nameof(Act.Who))),
            Expression.Bind(typeof(Act).GetProperty(nameof(Act.Week))!, week)), a);
    }
}
