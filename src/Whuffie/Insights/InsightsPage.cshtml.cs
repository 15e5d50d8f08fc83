using System.Globalization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Whuffie.Data;
using Whuffie.Organizations;
using static Whuffie.Web.Text;

namespace Whuffie.Insights;

/// <summary>
/// /{org}/admin/insights, for staff: the organization's listening made visible, week by week, as
/// charts, each followed by a table with the same figures (the chart is never the only place a
/// figure appears).
/// </summary>
public sealed class InsightsPageModel(WhuffieDb db, TimeProvider clock) : OrgPage(db)
{
    public InsightReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (Require(OrgRole.Staff) is { } denied) return denied;
        Report = await InsightFigures.ComputeAsync(Db, clock.GetUtcNow().UtcDateTime, ct);
        return Page();
    }

    public IReadOnlyList<WeekFigures> Weeks => Report.Weeks;

    /// <summary>The first and last day shown (a Monday, a Sunday), for the intro and the charts' descriptions.</summary>
    public string FirstDay => Weeks[0].Monday.ToString("d", CultureInfo.CurrentCulture);

    public string LastDay => Report.End.AddDays(-1).ToString("d", CultureInfo.CurrentCulture);

    /// <summary>A table row's heading, "Week 47", and below it "from 16 Nov".</summary>
    public static string WeekName(WeekFigures week) => T("Insights.WeekRow", week.Number);

    /// <summary>The culture's own day-and-month pattern ("d. MMMM" in Danish) with the month abbreviated, so the tables fit a phone.</summary>
    public static string WeekFrom(WeekFigures week) => T("Insights.WeekFrom",
        week.Monday.ToString(CultureInfo.CurrentCulture.DateTimeFormat.MonthDayPattern.Replace("MMMM", "MMM", StringComparison.Ordinal), CultureInfo.CurrentCulture));

    public static string Count(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    public static string Share(double value) => value.ToString("P0", CultureInfo.CurrentCulture);

    public IHtmlContent IdeasChart() => SvgChart.Columns(
        new ChartText("ideas-chart", T("Insights.IdeasChart"), T("Insights.IdeasChartDesc", Weeks.Count, FirstDay, LastDay),
            T("Insights.WeekAxis"), T("Insights.IdeasAxis")),
        Weeks.Select(w => w.Number.ToString(CultureInfo.CurrentCulture)).ToList(),
        [
            new Series(T("Insights.Submitted"), Weeks.Select(w => w.Submitted).ToList(), SvgChart.Blue, Pattern.Solid),
            new Series(T("Insights.Answered"), Weeks.Select(w => w.Answered).ToList(), SvgChart.Green, Pattern.Stripes),
        ]);

    public IHtmlContent ParticipantsChart() => SvgChart.Columns(
        new ChartText("participants-chart", T("Insights.ParticipantsChart"), T("Insights.ParticipantsChartDesc", Weeks.Count, FirstDay, LastDay),
            T("Insights.WeekAxis"), T("Insights.PeopleAxis")),
        Weeks.Select(w => w.Number.ToString(CultureInfo.CurrentCulture)).ToList(),
        [new Series(T("Insights.Participants"), Weeks.Select(w => w.Participants).ToList(), SvgChart.Blue, Pattern.Solid)]);

    /// <summary>The answers to "did it help?" in one bar; each legend row says its answer, count and share.</summary>
    public IHtmlContent HelpChart()
    {
        var h = Report.Helped;
        Series Part(string answer, int count, string colour, Pattern pattern) =>
            new(T("Insights.HelpPart", T("Helped." + answer), Count(count), Share(h.Share(count))), [count], colour, pattern);
        return SvgChart.Stacked(
            new ChartText("help-chart", T("Insights.HelpChart"),
                T("Insights.HelpChartDesc", Share(h.Share(h.Yes)), Share(h.Share(h.Partly)), Share(h.Share(h.No)), Count(h.Total))),
            [Part("yes", h.Yes, SvgChart.Green, Pattern.Solid), Part("partly", h.Partly, SvgChart.Brown, Pattern.Stripes), Part("no", h.No, SvgChart.Red, Pattern.Dots)]);
    }
}
