using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Whuffie.ScaleOutTests.Infrastructure;

/// <summary>
/// A person using the deployment through any of its addresses (instance A, B, or nginx). One
/// cookie jar serves every address, as cookies ignore the port, so a cookie set by A goes to B.
/// </summary>
public sealed partial class Visitor : IDisposable
{
    private const string Password = "correct-horse-battery-1";
    private static int _counter;

    private readonly HttpClient _http = new(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(60),
        DefaultRequestHeaders = { AcceptLanguage = { new("en") } },
    };
    private string? _formToken;

    public string Email { get; } = $"person-{Interlocked.Increment(ref _counter)}-{Guid.NewGuid().ToString("N")[..6]}@example.com";
    public string Html { get; private set; } = "";

    /// <summary>Registers through the API at <paramref name="register"/>, then logs in at <paramref name="login"/> for a bearer token.</summary>
    public async Task SignUpAsync(Uri register, Uri login)
    {
        await RegisterAsync(register);
        await LogInAsync(login);
    }

    /// <summary>Makes the account through the API; signs nobody in.</summary>
    public async Task RegisterAsync(Uri address)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(address, "/api/v1/auth/register"), new { email = Email, password = Password });
        Assert.True(response.IsSuccessStatusCode, $"Registering {Email} at {address}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Logs in through the API and from now on sends the bearer token it got.</summary>
    public async Task LogInAsync(Uri address)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(address, "/api/v1/auth/login"), new { email = Email, password = Password });
        Assert.True(response.IsSuccessStatusCode, $"Logging in {Email} at {address}: {(int)response.StatusCode}");
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>Signs in through the /signin page at <paramref name="address"/>: the cookie case.</summary>
    public async Task SignInWithFormAsync(Uri address)
    {
        await GetAsync(address, "/signin");
        using var response = await PostFormAsync(address, "/signin", ("Email", Email), ("Password", Password), ("Remember", "false"));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Signing in at {address}: {(int)response.StatusCode}");
    }

    /// <summary>Fetches a page or document; remembers the body and the antiforgery token of a form in it.</summary>
    public async Task<HttpResponseMessage> GetAsync(Uri address, string path)
    {
        var response = await _http.GetAsync(new Uri(address, path));
        Html = await response.Content.ReadAsStringAsync();
        if (FormToken().Match(Html) is { Success: true } m) _formToken = m.Groups[1].Value;
        return response;
    }

    /// <summary>Posts a form the way a browser without JavaScript does, with the token the last page carried.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(Uri address, string path, params (string Name, string Value)[] fields)
    {
        Assert.True(_formToken is not null, "Fetch a page with a form first.");
        var form = fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", _formToken!));
        var response = await _http.PostAsync(new Uri(address, path), new FormUrlEncodedContent(form));
        Html = await response.Content.ReadAsStringAsync();
        return response;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri address, string path, object? json = null) =>
        _http.SendAsync(new HttpRequestMessage(method, new Uri(address, path)) { Content = json is null ? null : JsonContent.Create(json) });

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();
}
