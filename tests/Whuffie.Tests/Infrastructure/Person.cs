namespace Whuffie.Tests.Infrastructure;

/// <summary>A signed-in person and the things they do, through the public API only.</summary>
public sealed class Person(WhuffieFactory app, HttpClient client, int id, string displayName, string email)
{
    public int Id { get; } = id;
    public string DisplayName { get; } = displayName;
    public string Email { get; } = email;
    public HttpClient Client { get; } = client;

    public Task<HttpResponseMessage> SubmitAsync(string org, string? title, string? body = null, string? category = null) =>
        Client.PostAsJsonAsync($"/api/v1/orgs/{org}/ideas", new { title, body, category });

    /// <summary>Submits and returns the new idea's number.</summary>
    public async Task<int> SubmitIdeaAsync(string org, string title, string? body = null, string? category = null)
    {
        var response = await SubmitAsync(org, title, body, category);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32();
    }

    public Task<HttpResponseMessage> VoteAsync(string org, int number) =>
        Client.PutAsync($"/api/v1/orgs/{org}/ideas/{number}/vote", null);

    public Task<HttpResponseMessage> UnvoteAsync(string org, int number) =>
        Client.DeleteAsync($"/api/v1/orgs/{org}/ideas/{number}/vote");

    public Task<HttpResponseMessage> CommentAsync(string org, int number, string? body) =>
        Client.PostAsJsonAsync($"/api/v1/orgs/{org}/ideas/{number}/comments", new { body });

    public Task<HttpResponseMessage> ChangeStatusAsync(string org, int number, string? status, string? answer, int? duplicateOf = null) =>
        Client.PostAsJsonAsync($"/api/v1/orgs/{org}/ideas/{number}/status", new { status, answer, duplicateOf });

    public async Task<JsonElement> GetIdeaAsync(string org, int number) =>
        await Client.GetFromJsonAsync<JsonElement>($"/api/v1/orgs/{org}/ideas/{number}");

    /// <summary>Raw JSON body, for the malformed-input tests.</summary>
    public Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string url, string json) =>
        Client.SendAsync(new HttpRequestMessage(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") });

    public override string ToString() => $"{DisplayName} ({Email})";

    internal WhuffieFactory App { get; } = app;
}
