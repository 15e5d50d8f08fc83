using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace Whuffie.BrowserTests.Infrastructure;

/// <summary>Runs axe-core (shipped inside the NuGet package) against the page as it is now.</summary>
public static class AxeAssert
{
    /// <summary>WCAG 2.0 and 2.1, levels A and AA: what public bodies in the EU must meet (EN 301 549).</summary>
    public static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    public static async Task NoViolationsAsync(IPage page)
    {
        if (await ViolationsAsync(page) is { } report) Assert.Fail(report);
    }

    /// <summary>What axe found broken on the page, rule by rule with the elements; null when nothing.</summary>
    public static async Task<string?> ViolationsAsync(IPage page)
    {
        // RunAxe has no timeout of its own; a page that never lets it finish must fail, not hang the run.
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] },
        }).WaitAsync(TimeSpan.FromSeconds(60));
        if (result.Violations.Length == 0) return null;

        var report = new System.Text.StringBuilder($"{result.Violations.Length} accessibility rule(s) broken on {page.Url}:");
        foreach (var violation in result.Violations)
        {
            report.Append($"\n- {violation.Id} ({violation.Impact}): {violation.Help} <{violation.HelpUrl}>");
            foreach (var node in violation.Nodes)
            {
                // What to fix: any one of the "any" checks would do; every "all"/"none" message counts.
                var why = node.Any.Take(1).Concat(node.All).Concat(node.None).Select(c => c.Message);
                report.Append($"\n    at {node.Target}: {string.Join(" ", why)}");
            }
        }
        return report.ToString();
    }
}
