using Microsoft.AspNetCore.Mvc.Testing;

namespace Whuffie.Tests.Limits;

/// <summary>The shared app with one rate limit set low, and the checks every refusal must pass.</summary>
internal static class LimitTesting
{
    /// <summary>Five minutes: no window ends during a test, and the refusal says "5 minutes".</summary>
    public static WebApplicationFactory<Program> WithLimit(this WhuffieFactory app, string setting, int permits, string window = "00:05:00") =>
        app.WithWebHostBuilder(b =>
        {
            b.UseSetting($"RateLimits:{setting}:Permits", permits.ToString(System.Globalization.CultureInfo.InvariantCulture));
            b.UseSetting($"RateLimits:{setting}:Window", window);
        });

    /// <summary>A client of <paramref name="limited"/> as <paramref name="person"/> (their bearer token), from <paramref name="address"/>.</summary>
    public static HttpClient Client(this WebApplicationFactory<Program> limited, Person? person = null, string? address = null)
    {
        var client = limited.CreateClient();
        if (person is not null) client.DefaultRequestHeaders.Authorization = person.Client.DefaultRequestHeaders.Authorization;
        if (address is not null) client.DefaultRequestHeaders.Add(WhuffieFactory.RemoteAddressHeader, address);
        return client;
    }

    public static Browser Browse(this WebApplicationFactory<Program> limited) =>
        new(limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url, object? json = null, string language = "en")
    {
        var request = new HttpRequestMessage(method, url) { Content = json is null ? null : JsonContent.Create(json) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        return client.SendAsync(request);
    }

    /// <summary>429 with Retry-After and problem details whose sentence contains <paramref name="text"/>.</summary>
    public static async Task RefusedAsync(HttpResponseMessage response, string text)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.InRange(response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, problem.GetProperty("status").GetInt32());
        Assert.Contains(text, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The error page for 429, in the person's language, with Retry-After.</summary>
    public static void RefusedPage(HttpResponseMessage response, Browser browser, string title, string text)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.InRange(response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(5));
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<h1>{title}</h1>", browser.Html, StringComparison.Ordinal);
        Assert.Contains(text, browser.Html, StringComparison.Ordinal);
    }

    public const string English = "Please wait 5 minutes and try again";
    public const string EnglishPage = "Too many requests";
    public const string Danish = "Vent 5 minutter, og prøv igen";
    public const string DanishPage = "For mange forespørgsler";
}
