using Whuffie.Insights;

namespace Whuffie.Tests.Insights;

/// <summary>
/// The insights figures against values worked out by hand from <see cref="ListeningScenario"/>:
/// twelve whole ISO weeks, a week without activity present as zeros, each person counted once a
/// week, first answers by the same rule as the answering page, and "did it help?" in shares.
/// </summary>
public sealed class CountingWeekByWeek(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    // A Wednesday: its week (from Monday 23 November) is not whole yet, so the last week shown starts 16 November.
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_weekly_figures_match_the_ones_worked_out_by_hand()
    {
        var seeded = await ListeningScenario.SeedAsync(app, Now);
        var report = await app.InOrgAsync(seeded.Org, db => InsightFigures.ComputeAsync(db, Now, default));

        Assert.Equal(12, report.Weeks.Count);
        Assert.Equal(new DateTime(2026, 8, 31, 0, 0, 0, DateTimeKind.Utc), report.Weeks[0].Monday);
        Assert.Equal(new DateTime(2026, 11, 16, 0, 0, 0, DateTimeKind.Utc), report.Weeks[^1].Monday);
        Assert.Equal(new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc), report.End);
        Assert.Equal(Enumerable.Range(36, 12), report.Weeks.Select(w => w.Number));

        // (submitted, votes, comments, participants, answered, launched) per week, oldest first.
        (int, int, int, int, int, int)[] expected =
        [
            (0, 0, 0, 0, 1, 0), // w0: #D's first answer; #D itself and Bo's vote came the Sunday before
            (0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0),
            (0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0),
            (0, 0, 1, 1, 0, 0), // w8: Eve's comment at 23:59:59 on Sunday
            (1, 3, 0, 4, 1, 1), // w9: #C at 00:00 on Monday; Eve, Bo, Sofie, Dan; answered by its launch
            (0, 0, 0, 0, 0, 0), // w10: a week with nothing in it is there, as zeros
            (2, 3, 2, 3, 2, 0), // w11: Sofie submitted, commented twice and voted: once; staff comment and carried vote left out
        ];
        Assert.Equal(expected, report.Weeks.Select(w => (w.Submitted, w.Votes, w.Comments, w.Participants, w.Answered, w.Launched)));
    }

    [Fact]
    public async Task The_totals_reuse_the_response_figures_and_count_launches_and_help_answers()
    {
        var seeded = await ListeningScenario.SeedAsync(app, Now);
        var report = await app.InOrgAsync(seeded.Org, db => InsightFigures.ComputeAsync(db, Now, default));

        // Five ideas, four answered: #B after 2 hours, #D after 2 days, #A after 3, #C after 4.
        Assert.Equal((5, 4), (report.Responses.Ideas, report.Responses.Answered));
        Assert.Equal(0.8, report.Responses.AnsweredShare, 6);
        Assert.Equal(TimeSpan.FromDays(2.5), report.Responses.Median);
        // Rank (4 − 1) × 0.9 = 2.7: 3 days + 0.7 × (4 − 3) days.
        Assert.Equal(TimeSpan.FromDays(3.7), report.Responses.Percentile90);
        Assert.Equal(1, report.Launched);
        Assert.Equal(new HelpFigures(2, 1, 1), report.Helped);
        Assert.Equal(4, report.Helped.Total);
        Assert.Equal([0.5, 0.25, 0.25], new[] { report.Helped.Yes, report.Helped.Partly, report.Helped.No }.Select(report.Helped.Share));
    }

    [Fact]
    public async Task An_organization_without_activity_has_twelve_weeks_of_zeros()
    {
        var org = await app.CreateOrgAsync();
        var report = await app.InOrgAsync(org, db => InsightFigures.ComputeAsync(db, Now, default));

        Assert.Equal(12, report.Weeks.Count);
        Assert.All(report.Weeks, w => Assert.Equal((0, 0, 0, 0, 0, 0), (w.Submitted, w.Votes, w.Comments, w.Participants, w.Answered, w.Launched)));
        Assert.Equal(0, report.Helped.Share(report.Helped.Yes));
        Assert.Null(report.Responses.Median);
    }

    [Theory]
    [InlineData("2026-11-23T00:00:00", "2026-11-16")] // Monday at midnight: that week has just begun
    [InlineData("2026-11-29T23:59:59", "2026-11-16")] // Sunday night: still not whole
    [InlineData("2027-01-04T08:00:00", "2026-12-28")] // across the new year
    public void The_last_week_shown_is_the_last_whole_one(string now, string lastMonday)
    {
        var at = DateTime.SpecifyKind(DateTime.Parse(now, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc);
        Assert.Equal(DateTime.Parse(lastMonday, System.Globalization.CultureInfo.InvariantCulture), InsightFigures.MondayOf(at).AddDays(-7));
    }
}
