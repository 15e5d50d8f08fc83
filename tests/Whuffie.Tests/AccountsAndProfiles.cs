namespace Whuffie.Tests;

/// <summary>One account per person, signed in with a bearer token, with a display name of their choosing.</summary>
public sealed class AccountsAndProfiles(WhuffieFactory app) : IClassFixture<WhuffieFactory>
{
    [Fact]
    public async Task A_person_registers_signs_in_and_names_themselves()
    {
        var client = app.CreateClient();
        var email = $"{WhuffieFactory.Unique("ingrid")}@example.com";
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = "long-enough-1" })).StatusCode);
        var login = await Expect.JsonAsync(await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "long-enough-1" }));
        client.DefaultRequestHeaders.Authorization = new("Bearer", login.GetProperty("accessToken").GetString());

        var me = await Expect.JsonAsync(await client.GetAsync("/api/v1/me"));
        Assert.Equal(email, me.GetProperty("email").GetString());
        Assert.False(me.GetProperty("isPlatformAdmin").GetBoolean());

        var renamed = await Expect.JsonAsync(await client.PutAsJsonAsync("/api/v1/me", new { displayName = "  Ingrid Ø.  " }));
        Assert.Equal("Ingrid Ø.", renamed.GetProperty("displayName").GetString());
        await Expect.InvalidFieldAsync(await client.PutAsJsonAsync("/api/v1/me", new { displayName = "I" }), "displayName");
        Assert.Equal("Ingrid Ø.", (await Expect.JsonAsync(await client.GetAsync("/api/v1/me"))).GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task A_display_name_shows_next_to_what_the_person_wrote_and_memberships_are_listed()
    {
        var org = await app.CreateOrgAsync();
        var sofie = await app.SignUpAsync("Sofie");
        var number = await sofie.SubmitIdeaAsync(org, "Open on Sundays");
        await Expect.JsonAsync(await sofie.Client.PutAsJsonAsync("/api/v1/me", new { displayName = "Sofie Holm" }));

        Assert.Equal("Sofie Holm", (await sofie.GetIdeaAsync(org, number)).GetProperty("author").GetProperty("displayName").GetString());
        var me = await Expect.JsonAsync(await sofie.Client.GetAsync("/api/v1/me"));
        var membership = Assert.Single(me.GetProperty("memberships").EnumerateArray());
        Assert.Equal(org, membership.GetProperty("org").GetString());
        Assert.Equal("member", membership.GetProperty("role").GetString());
    }

    [Fact]
    public async Task Wrong_passwords_are_refused_and_a_taken_email_answers_as_a_new_one()
    {
        var sofie = await app.SignUpAsync("Sofie");
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = sofie.Email, password = "wrong-password-1" })).StatusCode);
        // Its owner is emailed instead (Accounts/ConfirmingAndRecovering); the stranger learns nothing.
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/v1/auth/register", new { email = sofie.Email, password = "another-password-1" })).StatusCode);
        await Expect.ProblemAsync(await client.PostAsJsonAsync("/api/v1/auth/register", new { email = "short@example.com", password = "short" }), HttpStatusCode.BadRequest);
        await Expect.ProblemAsync(await client.GetAsync("/api/v1/me"), HttpStatusCode.Unauthorized);
    }
}
