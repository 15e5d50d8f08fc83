namespace Whuffie.ScaleOutTests.Infrastructure;

internal static class Ideas
{
    /// <summary>Submits an idea through the API at <paramref name="address"/> and returns its number.</summary>
    public static async Task<int> SubmitAsync(Visitor author, Uri address, string title)
    {
        using var response = await author.SendAsync(HttpMethod.Post, address, $"/api/v1/orgs/{TwoInstances.Org}/ideas", new { title });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("number").GetInt32();
    }
}
