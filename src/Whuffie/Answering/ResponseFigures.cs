using Microsoft.EntityFrameworkCore;
using Whuffie.Data;
using Whuffie.Ideas;

namespace Whuffie.Answering;

/// <summary>An idea nobody from the organization has answered yet, and for how long.</summary>
public sealed record WaitingIdea(int Number, string Title, string Url, DateTime CreatedAt, TimeSpan Waiting, bool Overdue);

/// <summary>
/// How well an organization keeps the promise to always answer. An idea counts as answered
/// from its first staff answer: the first status change (which always carries a public
/// answer) or the first staff comment, whichever came first. <c>FirstAnswers</c> holds when each
/// answered idea got it, so the insights page counts answers per week by this same definition.
/// </summary>
public sealed record ResponseFigures(int Ideas, int Answered, TimeSpan? Median, TimeSpan? Percentile90, int TargetDays,
    IReadOnlyList<WaitingIdea> Waiting, IReadOnlyList<DateTime> FirstAnswers)
{
    /// <summary>Answered ideas as a share of all ideas, 0 to 1 (1 when there are none: nothing is waiting).</summary>
    public double AnsweredShare => Ideas == 0 ? 1 : (double)Answered / Ideas;

    /// <summary>Unanswered ideas older than the organization's target.</summary>
    public int Overdue => Waiting.Count(w => w.Overdue);

    public static async Task<ResponseFigures> ComputeAsync(WhuffieDb db, DateTime now, CancellationToken ct)
    {
        var org = db.Tenant.Current;
        var ideas = await db.Ideas.AsNoTracking().Select(i => new { i.Id, i.Number, i.Title, i.CreatedAt }).ToListAsync(ct);
        var firstStatus = await db.StatusChanges.AsNoTracking().GroupBy(s => s.IdeaId)
            .Select(g => new { IdeaId = g.Key, At = g.Min(s => s.At) }).ToDictionaryAsync(x => x.IdeaId, x => x.At, ct);
        var firstComment = await db.Comments.AsNoTracking().Where(c => c.IsStaff).GroupBy(c => c.IdeaId)
            .Select(g => new { IdeaId = g.Key, At = g.Min(c => c.CreatedAt) }).ToDictionaryAsync(x => x.IdeaId, x => x.At, ct);

        var target = TimeSpan.FromDays(org.ResponseTargetDays);
        var times = new List<TimeSpan>();
        var firstAnswers = new List<DateTime>();
        var waiting = new List<WaitingIdea>();
        foreach (var idea in ideas)
        {
            DateTime? answered = (firstStatus.TryGetValue(idea.Id, out var s), firstComment.TryGetValue(idea.Id, out var c)) switch
            {
                (true, true) => s < c ? s : c,
                (true, false) => s,
                (false, true) => c,
                _ => null,
            };
            if (answered is { } at)
            {
                times.Add(at - idea.CreatedAt);
                firstAnswers.Add(at);
            }
            else waiting.Add(new WaitingIdea(idea.Number, idea.Title, IdeaRow.IdeaUrl(org.Slug, idea.Number, idea.Title),
                idea.CreatedAt, now - idea.CreatedAt, now - idea.CreatedAt > target));
        }
        times.Sort();
        return new ResponseFigures(ideas.Count, times.Count, Percentile(times, 0.5), Percentile(times, 0.9), org.ResponseTargetDays,
            waiting.OrderBy(w => w.CreatedAt).ThenBy(w => w.Number).ToList(), firstAnswers);
    }

    /// <summary>
    /// The p-quantile of sorted values, interpolating between the two nearest ranks (as
    /// spreadsheets' PERCENTILE.INC does): with 0.5 and an even count, the mean of the middle two.
    /// </summary>
    public static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, double p)
    {
        if (sorted.Count == 0) return null;
        var rank = (sorted.Count - 1) * p;
        var below = (int)Math.Floor(rank);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + (sorted[above] - sorted[below]) * (rank - below);
    }
}
