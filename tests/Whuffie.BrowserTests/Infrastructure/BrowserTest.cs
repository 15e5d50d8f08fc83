namespace Whuffie.BrowserTests.Infrastructure;

/// <summary>
/// Base for browser test classes: pages opened through <see cref="NewPageAsync"/> get their
/// own context and are closed after each test, so cookies never leak between tests and the
/// one browser does not fill up. Put <c>[Collection(SiteCollection.Name)]</c> on the class.
/// </summary>
public abstract class BrowserTest(WhuffieSite site) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    protected WhuffieSite Site { get; } = site;

    /// <inheritdoc cref="WhuffieSite.NewPageAsync"/>
    protected async Task<IPage> NewPageAsync(string? locale = null, bool javaScript = true, int width = 1280)
    {
        var page = await Site.NewPageAsync(locale, javaScript, width);
        _contexts.Add(page.Context);
        return page;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.CloseAsync();
    }
}
