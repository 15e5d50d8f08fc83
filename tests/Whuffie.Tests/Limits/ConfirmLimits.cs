using Microsoft.EntityFrameworkCore;
using Whuffie.Tests.Notices;
using static Whuffie.Tests.Limits.LimitTesting;

namespace Whuffie.Tests.Limits;

/// <summary>Guessing SMS codes: bounded per address next to the subscription's own count of wrong codes.</summary>
public sealed class ConfirmLimits(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task Code_guesses_past_the_limit_are_refused_before_they_count_against_the_subscription()
    {
        var (org, _) = await NoticeTesting.EnergyCompanyAsync(app);
        var phone = "+4520" + Random.Shared.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().PostAsJsonAsync($"/api/v1/orgs/{org}/notices/subscriptions",
            new { channel = "sms", address = phone })).StatusCode);
        await using var limited = app.WithLimit("Confirm", 2);
        var api = limited.Client();
        var url = $"/api/v1/orgs/{org}/notices/subscriptions/confirm";
        // Codes are digits: letters are always wrong.
        foreach (var guess in new[] { "abcdef", "ghijkl" })
            Assert.Equal(HttpStatusCode.BadRequest, (await api.SendAsync(HttpMethod.Post, url, new { address = phone, code = guess })).StatusCode);

        await RefusedAsync(await api.SendAsync(HttpMethod.Post, url, new { address = phone, code = "mnopqr" }, "da"), Danish);
        var browser = limited.Browse();
        await browser.GetAsync($"/{org}/status/confirm?phone={Uri.EscapeDataString(phone)}");
        RefusedPage(await browser.PostFormAsync($"/{org}/status/confirm", ("Phone", phone), ("Code", "stuvwx")), browser, EnglishPage, English);
        Assert.Equal(2, await app.InOrgAsync(org, db => db.NoticeSubscriptions.Where(s => s.Address == phone).Select(s => s.CodeAttempts).SingleAsync()));
    }
}
