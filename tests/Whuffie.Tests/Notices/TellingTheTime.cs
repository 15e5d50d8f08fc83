using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Whuffie.Tests.Notices;

/// <summary>
/// "Expected back 14:00" means 14:00 where the power is out. Times are shown, and read when they
/// come without an offset, on the organization's clock (by default its main language's country),
/// never on the server's, which in a container is usually UTC.
/// </summary>
public sealed class TellingTheTime(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [Fact]
    public async Task A_Danish_organizations_times_are_read_and_shown_in_Copenhagen()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var (start, end) = (Day.AddHours(12), Day.AddHours(14));

        var local = await PublishAsync(lars, org, startsAt: Iso(start), expectedEndAt: Iso(end));
        Assert.Equal(HttpStatusCode.Created, local.StatusCode);
        var notice = await local.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(InZone(start, Copenhagen), notice.GetProperty("startsAt").GetDateTime().ToUniversalTime());
        Assert.Equal(InZone(end, Copenhagen), notice.GetProperty("expectedEndAt").GetDateTime().ToUniversalTime());
        // With an offset, the offset says it; in summer Copenhagen is two hours ahead.
        var july = new DateTime(Day.Year + 1, 7, 1);
        var julyIso = july.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var summer = await (await PublishAsync(lars, org, startsAt: $"{julyIso}T09:00:00Z", expectedEndAt: $"{julyIso}T14:00:00+02:00")).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(DateTime.SpecifyKind(july.AddHours(12), DateTimeKind.Utc), summer.GetProperty("expectedEndAt").GetDateTime().ToUniversalTime());

        var visitor = app.Browse();
        await visitor.GetAsync($"/{org}/status/{notice.GetProperty("id").GetInt32()}");
        Assert.Contains($"Since {start.ToString("g", English)}", visitor.Html, StringComparison.Ordinal);
        Assert.Contains($"expected to end {end.ToString("g", English)}", visitor.Html, StringComparison.Ordinal);
        await visitor.GetAsync($"/{org}/status");
        Assert.Contains($"expected to end {july.AddHours(14).ToString("g", English)}", visitor.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_write_the_expected_end_in_the_form_on_their_own_clock()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var browser = app.Browse();
        await browser.SignInAsync(lars.Email);
        await browser.GetAsync($"/{org}/status");
        Assert.Contains("Time in Europe/Copenhagen.", browser.Html, StringComparison.Ordinal);

        var end = Day.AddHours(14);
        var published = await browser.PostFormAsync($"/{org}/status?handler=publish", ("Title", "Strømafbrydelse i Søborg"), ("Body", "Vi arbejder på det."),
            ("Severity", "critical"), ("ExpectedEndAt", end.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(InZone(end, Copenhagen), await app.InOrgAsync(org, db => db.Notices.Select(n => n.ExpectedEndAt).SingleAsync()));
    }

    [Fact]
    public async Task An_admin_sets_the_time_zone_and_one_the_system_does_not_know_is_refused()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        var end = DateTime.SpecifyKind(Day.AddHours(13), DateTimeKind.Utc);
        var id = (await (await PublishAsync(lars, org, startsAt: null, expectedEndAt: $"{Iso(end)}Z")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var browser = app.Browse();
        await browser.SignInAsync(lars.Email);
        await browser.GetAsync($"/{org}/admin/branding");
        Assert.Contains("<option value=\"America/New_York\">", browser.Html, StringComparison.Ordinal);

        var refused = await SaveZoneAsync(browser, org, "Mars/Olympus_Mons");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"time-zone-error\">That is not a time zone we know.", browser.Html, StringComparison.Ordinal);
        Assert.Null(await app.InOrgAsync(org, db => db.Organizations.Where(o => o.Slug == org).Select(o => o.TimeZone).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await SaveZoneAsync(browser, org, " America/New_York ")).StatusCode);
        var visitor = app.Browse();
        await visitor.GetAsync($"/{org}/status/{id}");
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        Assert.Contains($"expected to end {TimeZoneInfo.ConvertTimeFromUtc(end, newYork).ToString("g", English)}", visitor.Html, StringComparison.Ordinal);

        // Emptied, the organization's language decides again.
        Assert.Equal(HttpStatusCode.Redirect, (await SaveZoneAsync(browser, org, "")).StatusCode);
        await visitor.GetAsync($"/{org}/status/{id}");
        Assert.Contains($"expected to end {TimeZoneInfo.ConvertTimeFromUtc(end, Copenhagen).ToString("g", English)}", visitor.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_time_the_clocks_skip_for_summer_time_is_refused_with_a_reason()
    {
        var (org, lars) = await NoticeTesting.EnergyCompanyAsync(app);
        // Next year's last Sunday of March, when Copenhagen's clocks jump from 02:00 to 03:00.
        var sunday = new DateTime(Day.Year + 1, 3, 31);
        while (sunday.DayOfWeek != DayOfWeek.Sunday) sunday = sunday.AddDays(-1);
        var skipped = await PublishAsync(lars, org, startsAt: Iso(sunday.AddHours(2.5)), expectedEndAt: Iso(sunday.AddHours(2.75)));
        Assert.Equal(HttpStatusCode.BadRequest, skipped.StatusCode);
        var errors = (await skipped.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("does not exist in Europe/Copenhagen", errors.GetProperty("startsAt")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("expectedEndAt", out _));
        Assert.Equal(0, await app.InOrgAsync(org, db => db.Notices.CountAsync()));
    }

    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    /// <summary>The day after tomorrow in Copenhagen, on the app's clock: a notice's times are ahead of now on any day the suite runs.</summary>
    private DateTime Day => TimeZoneInfo.ConvertTimeFromUtc(app.Now, Copenhagen).Date.AddDays(2);

    private static string Iso(DateTime local) => local.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture);

    private static DateTime InZone(DateTime local, TimeZoneInfo zone) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);

    private static Task<HttpResponseMessage> PublishAsync(Person staff, string org, string? startsAt, string? expectedEndAt) =>
        staff.Client.PostAsJsonAsync($"/api/v1/orgs/{org}/notices", new { title = "Strømafbrydelse i Søborg", body = "Forventet tilbage kl. 14.", severity = "critical", startsAt, expectedEndAt });

    private static Task<HttpResponseMessage> SaveZoneAsync(Browser browser, string org, string zone) =>
        browser.PostFormAsync($"/{org}/admin/branding", ("Name", "Søborg Energi"), ("Accent", ""), ("LogoUrl", ""), ("Welcome", ""), ("TimeZone", zone));
}
