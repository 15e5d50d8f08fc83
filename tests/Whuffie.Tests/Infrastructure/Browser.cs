using System.Text.RegularExpressions;

namespace Whuffie.Tests.Infrastructure;

/// <summary>
/// A cookie-keeping HTTP client that uses the pages like a browser without JavaScript: it
/// fetches a page, then posts a form with the antiforgery token that page carried.
/// (The real browser tests are in Whuffie.BrowserTests; these check the server's side.)
/// </summary>
public sealed partial class Browser(HttpClient client)
{
    private string? _token;

    public HttpClient Client { get; } = client;
    public string Html { get; private set; } = "";

    /// <summary>Like a browser, it always names a language: English unless told otherwise.</summary>
    public async Task<HttpResponseMessage> GetAsync(string url, string acceptLanguage = "en")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        var response = await Client.SendAsync(request);
        Html = await response.Content.ReadAsStringAsync();
        if (TokenPattern().Match(Html) is { Success: true } m) _token = m.Groups[1].Value;
        return response;
    }

    public async Task<HttpResponseMessage> PostFormAsync(string url, params (string Name, string Value)[] fields)
    {
        Assert.True(_token is not null, "Fetch a page with a form first; its antiforgery token goes with the post.");
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Append(new("__RequestVerificationToken", _token!));
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.AcceptLanguage.ParseAdd("en");
        var response = await Client.SendAsync(request);
        Html = await response.Content.ReadAsStringAsync();
        return response;
    }

    public async Task SignInAsync(string email, string password = "correct-horse-battery-1")
    {
        await GetAsync("/signin");
        var response = await PostFormAsync("/signin", ("Email", email), ("Password", password), ("Remember", "false"));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in failed: {(int)response.StatusCode}");
    }

    public string Lang => LangPattern().Match(Html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<html lang=\"([^\"]+)\"")]
    private static partial Regex LangPattern();
}
