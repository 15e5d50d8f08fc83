namespace Whuffie.BrowserTests;

/// <summary>
/// The pictures in docs/screenshots: the showcase organization as a signed-in member sees it on
/// a desktop. Taken on every run (to a temporary folder); WHUFFIE_SCREENSHOTS=1 writes them
/// into the repository to be committed.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class DocumentationScreenshots(WhuffieSite site) : BrowserTest(site)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task The_idea_list_and_an_answered_idea_are_pictured_on_a_desktop()
    {
        var s = await Site.ShowcaseAsync();
        var page = await NewPageAsync("en", width: 1280);
        await WhuffieSite.SignInAsync(page, s.Member, $"/{s.Org}");
        await Expect(page.Locator(".ideas > li")).ToHaveCountAsync(4);

        var list = await Screenshots.SaveScreenshotAsync(page, "idea-list");

        await page.GetByRole(AriaRole.Link, new() { Name = s.AnsweredIdeaTitle, Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(s.AnsweredIdeaTitle);
        await Expect(page.Locator(".timeline .answer")).ToHaveCountAsync(1);
        var idea = await Screenshots.SaveScreenshotAsync(page, "idea-page");

        foreach (var path in new[] { list, idea })
        {
            var bytes = await File.ReadAllBytesAsync(path);
            Assert.Equal(PngSignature, bytes.Take(PngSignature.Length));
            // The PNG header's width: the desktop window the docs promise.
            Assert.Equal(1280, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4)));
        }
    }
}
