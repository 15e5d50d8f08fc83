using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Whuffie.Tests.SecurityHeaders;

/// <summary>
/// Every answer, page or API, success or failure, tells the browser what to refuse; on an https
/// site also HSTS, and cookies that only travel over https with the __Host- prefix.
/// </summary>
public sealed partial class SendingSecurityHeaders(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    private static void AssertHeaders(HttpResponseMessage response)
    {
        string Header(string name) => response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : "";
        var csp = Header("Content-Security-Policy");
        var where = $"{response.RequestMessage?.RequestUri} ({(int)response.StatusCode})";
        Assert.True(Nonce().IsMatch(csp), $"No nonce in the Content-Security-Policy of {where}: '{csp}'");
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        foreach (var directive in new[] { "default-src 'self'", "object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'", "worker-src 'self'", "img-src 'self' data: https:" })
            Assert.Contains(directive, csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header("Referrer-Policy"));
        Assert.Equal("same-origin", Header("Cross-Origin-Opener-Policy"));
        var permissions = Header("Permissions-Policy");
        foreach (var feature in new[] { "camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()", "publickey-credentials-get=(self)", "publickey-credentials-create=(self)" })
            Assert.Contains(feature, permissions, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_api_answers_errors_and_404s_all_carry_the_headers()
    {
        var org = await app.CreateOrgAsync();
        var client = app.CreateClient();
        foreach (var url in new[] { "/", $"/{org}", "/signin", "/no-such-page", "/error/500", "/api/v1/orgs", "/api/v1/orgs/no-such-org", "/api/v1/openapi.json", $"/{org}/changelog.atom", "/site.css" })
            AssertHeaders(await client.GetAsync(url));

        // Malformed JSON goes through the exception handler, which clears what was set before it.
        var malformed = await app.SignUpAsync("Mads");
        var response = await malformed.Client.PostAsync($"/api/v1/orgs/{org}/ideas", new StringContent("{\"title\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertHeaders(response);
    }

    [Fact]
    public async Task The_nonce_is_new_on_every_request_even_for_a_cached_page()
    {
        var client = app.CreateClient();
        var nonces = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 3; i++)
        {
            var csp = string.Join(" ", (await client.GetAsync("/")).Headers.GetValues("Content-Security-Policy"));
            var nonce = Nonce().Match(csp).Groups[1].Value;
            Assert.Equal(16, Convert.FromBase64String(nonce).Length);
            nonces.Add(nonce);
        }
        Assert.Equal(3, nonces.Count);
    }

    [Fact]
    public async Task The_organization_colours_come_as_a_stylesheet_not_an_inline_style()
    {
        var org = await app.CreateOrgAsync();
        var browser = app.Browse();
        await browser.GetAsync($"/{org}");
        Assert.DoesNotContain("<style", browser.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", browser.Html, StringComparison.Ordinal);
        var href = Stylesheet().Match(browser.Html).Groups[1].Value;
        Assert.Equal($"/{org}/brand.css?v=1d5b85", href);

        var css = await app.CreateClient().GetAsync(href);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains("--accent: #1d5b85", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync("/no-such-org/brand.css")).StatusCode);
    }

    [Fact]
    public async Task Without_an_https_site_there_is_no_hsts_and_cookies_keep_their_plain_names()
    {
        var person = await app.SignUpAsync("Plain");
        var browser = app.Browse();
        await browser.GetAsync("/signin");
        var signedIn = await browser.PostFormAsync("/signin", ("Email", person.Email), ("Password", "correct-horse-battery-1"));
        Assert.False(signedIn.Headers.Contains("Strict-Transport-Security"));
        var cookie = Assert.Single(signedIn.Headers.GetValues("Set-Cookie"), c => c.StartsWith("whuffie=", StringComparison.Ordinal));
        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_https_site_sends_hsts_on_https_and_secure_host_only_cookies()
    {
        await using var site = app.WithWebHostBuilder(b => b.UseSetting("Site:Url", "https://ideas.example.org"));
        var person = await app.SignUpAsync("Secure");
        var browser = new Browser(site.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = true,
        }));

        var page = await browser.GetAsync("/signin");
        Assert.Equal("max-age=31536000; includeSubDomains", string.Join("", page.Headers.GetValues("Strict-Transport-Security")));
        AssertHeaders(page);
        AssertHostCookie(page, "__Host-whuffie-antiforgery=");

        var signedIn = await browser.PostFormAsync("/signin", ("Email", person.Email), ("Password", "correct-horse-battery-1"));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("samesite=lax", AssertHostCookie(signedIn, "__Host-whuffie="), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/me")).StatusCode);

        var switched = await browser.GetAsync("/language/da?returnUrl=/signin");
        Assert.Contains("samesite=lax", AssertHostCookie(switched, "__Host-whuffie-language=da"), StringComparison.OrdinalIgnoreCase);
        await browser.GetAsync("/signin", acceptLanguage: "en");
        Assert.Equal("da", browser.Lang);

        // Plain http to the same site: no HSTS (browsers ignore it there anyway).
        var plain = await site.CreateClient().GetAsync("/signin");
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    private static string AssertHostCookie(HttpResponseMessage response, string prefix)
    {
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(prefix, StringComparison.Ordinal));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        return cookie;
    }

    [GeneratedRegex("'nonce-([A-Za-z0-9+/=]+)'")]
    private static partial Regex Nonce();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]*brand\\.css[^\"]*)\"")]
    private static partial Regex Stylesheet();
}
