using System.Globalization;
using System.Text.RegularExpressions;

namespace Whuffie.Tests.Insights;

/// <summary>
/// The insights page: for staff of the organization only, each chart an image with a name and
/// a description, and every figure in a table as well, in the reader's language.
/// </summary>
public sealed partial class ShowingInsights(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task Staff_see_three_charts_and_the_same_figures_in_tables()
    {
        var seeded = await ListeningScenario.SeedAsync(app, app.Now);
        var staff = app.Browse();
        await staff.SignInAsync(seeded.Staff.Email);

        var response = await staff.GetAsync($"/{seeded.Org}/admin/insights");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = staff.Html;
        var lastWeek = $"Week {ISOWeek.GetWeekOfYear(seeded.LastWeek)}";
        var launchWeek = $"Week {ISOWeek.GetWeekOfYear(seeded.LastWeek.AddDays(-14))}";

        Assert.Equal(["2", "2", "0"], Row(Table(html, "Ideas per week"), lastWeek));
        Assert.Equal(["1", "1", "1"], Row(Table(html, "Ideas per week"), launchWeek));
        Assert.Equal(["3", "3", "2"], Row(Table(html, "Participation per week"), lastWeek));
        Assert.Equal(["4", "3", "0"], Row(Table(html, "Participation per week"), launchWeek));
        Assert.Equal(12, RowHeading().Matches(Table(html, "Ideas per week")).Count);
        Assert.Contains($"{lastWeek} <small>from {seeded.LastWeek.ToString("d MMM", CultureInfo.GetCultureInfo("en-GB"))}</small>", html, StringComparison.Ordinal);
        var help = Table(html, "Answers to “Did it help?”");
        Assert.Equal(["2", "50%"], Row(help, "Yes"));
        Assert.Equal(["1", "25%"], Row(help, "Partly"));
        Assert.Equal(["1", "25%"], Row(help, "No"));
        Assert.Equal(["80%", "(4 of 5)"], Row(Table(html, "Since the start"), "Ideas answered")[0].Split(' ', 2));
        Assert.Equal(["1"], Row(Table(html, "Since the start"), "Ideas launched"));

        var charts = Svg().Matches(html).Select(m => m.Value).ToList();
        Assert.Equal(3, charts.Count);
        foreach (var chart in charts)
        {
            Assert.Contains("role=\"img\"", chart, StringComparison.Ordinal);
            var labelledBy = LabelledBy().Match(chart).Groups[1].Value.Split(' ');
            Assert.Equal(2, labelledBy.Length);
            Assert.Matches($"<title id=\"{labelledBy[0]}\">[^<]+</title>", chart);
            Assert.Matches($"<desc id=\"{labelledBy[1]}\">[^<]+</desc>", chart);
        }
        Assert.Contains("<title id=\"ideas-chart-title\">Ideas submitted and answered per week</title>", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"/{seeded.Org}/admin/insights\" aria-current=\"page\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Numbers_and_weeks_are_written_the_readers_way()
    {
        var seeded = await ListeningScenario.SeedAsync(app, app.Now);
        var staff = app.Browse();
        await staff.SignInAsync(seeded.Staff.Email);

        await staff.GetAsync($"/{seeded.Org}/admin/insights", acceptLanguage: "da");
        var lastWeek = $"Uge {ISOWeek.GetWeekOfYear(seeded.LastWeek)}";
        Assert.Equal(["2", "2", "0"], Row(Table(staff.Html, "Idéer pr. uge"), lastWeek));
        Assert.Contains($"{lastWeek} <small>fra {seeded.LastWeek.ToString("d. MMM", CultureInfo.GetCultureInfo("da-DK"))}</small>", staff.Html, StringComparison.Ordinal);
        Assert.Equal(["2", "50 %"], Row(Table(staff.Html, "Svar på »Hjalp det?«"), "Ja"));
        // The drawing's coordinates stay invariant whatever the language: "12.5", never "12,5".
        Assert.DoesNotMatch(@"(x|y|width|height)=""[0-9.]*,", string.Join("", Svg().Matches(staff.Html).Select(m => m.Value)));
    }

    [Fact]
    public async Task Members_strangers_and_other_organizations_staff_are_kept_out()
    {
        var seeded = await ListeningScenario.SeedAsync(app, app.Now);
        var path = $"/{seeded.Org}/admin/insights";

        await app.GrantAsync(seeded.Member, seeded.Org, Whuffie.Organizations.OrgRole.Member);
        var member = app.Browse();
        await member.SignInAsync(seeded.Member.Email);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(path)).StatusCode);
        Assert.DoesNotContain("Board games to borrow", member.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("role=\"img\"", member.Html, StringComparison.Ordinal);

        var stranger = app.Browse();
        var redirect = await stranger.GetAsync(path);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.StartsWith("/signin", redirect.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var elsewhere = await app.CreateOrgAsync("malmo", "Malmö stad");
        var anna = await app.StaffOfAsync(elsewhere, "Anna");
        var otherStaff = app.Browse();
        await otherStaff.SignInAsync(anna.Email);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherStaff.GetAsync(path)).StatusCode);
        Assert.DoesNotContain("role=\"img\"", otherStaff.Html, StringComparison.Ordinal);
        // Her own organization's page shows her own (empty) figures, not the library's.
        await otherStaff.GetAsync($"/{elsewhere}/admin/insights");
        Assert.Equal(["0", "0%"], Row(Table(otherStaff.Html, "Answers to “Did it help?”"), "Yes"));
    }

    /// <summary>The table with this caption, from its caption to its end.</summary>
    private static string Table(string html, string caption)
    {
        var start = html.IndexOf($">{caption}</caption>", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No table captioned '{caption}'.");
        return html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    /// <summary>The cells of the row headed by <paramref name="heading"/>, as read.</summary>
    private static string[] Row(string table, string heading)
    {
        var row = Regex.Match(table, $"<th scope=\"row\">{Regex.Escape(heading)}(?: <small>[^<]*</small>)?</th>(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"No row '{heading}' in:\n{table}");
        return [.. Cell().Matches(row.Groups[1].Value).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim())];
    }

    [GeneratedRegex("<td>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Cell();

    [GeneratedRegex("<th scope=\"row\">")]
    private static partial Regex RowHeading();

    [GeneratedRegex("<svg .*?</svg>", RegexOptions.Singleline)]
    private static partial Regex Svg();

    [GeneratedRegex("aria-labelledby=\"([^\"]+)\"")]
    private static partial Regex LabelledBy();
}
