namespace Whuffie.ScaleOutTests;

/// <summary>
/// Cookies, bearer tokens and antiforgery tokens are encrypted with Data Protection keys; the
/// instances share theirs through the database, so any instance accepts what another issued.
/// </summary>
[Collection(DeploymentCollection.Name)]
public sealed class SigningInAcrossInstances(TwoInstances deployment)
{
    [Fact]
    public async Task A_person_signed_in_on_one_instance_is_signed_in_on_the_other()
    {
        using var sofie = new Visitor();
        await sofie.RegisterAsync(deployment.A.Url);
        await sofie.SignInWithFormAsync(deployment.A.Url);

        using var profileOnB = await sofie.GetAsync(deployment.B.Url, "/me");
        Assert.Equal(HttpStatusCode.OK, profileOnB.StatusCode);
        Assert.Contains(sofie.Email, sofie.Html, StringComparison.Ordinal);

        // The form came from B; A accepts its antiforgery token and the cookie alike.
        using var saved = await sofie.PostFormAsync(deployment.A.Url, "/me", ("DisplayName", "Sofie from Søborg"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/me?saved=true", saved.Headers.Location?.OriginalString);

        // Through the balancer, whichever instance answers knows her.
        var seen = new HashSet<string>();
        for (var i = 0; i < 4; i++)
        {
            using var page = await sofie.GetAsync(deployment.Balancer.Url, "/me");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("Sofie from Søborg", sofie.Html, StringComparison.Ordinal);
            seen.Add(deployment.InstanceBehind(page));
        }
        Assert.Equal(deployment.Instances.Order(), seen.Order());
    }

    [Fact]
    public async Task A_bearer_token_from_one_instance_works_on_the_other()
    {
        using var lars = new Visitor();
        await lars.SignUpAsync(register: deployment.B.Url, login: deployment.B.Url);

        using var me = await lars.GetAsync(deployment.A.Url, "/api/v1/me");

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(lars.Email, JsonDocument.Parse(lars.Html).RootElement.GetProperty("email").GetString());
    }
}
