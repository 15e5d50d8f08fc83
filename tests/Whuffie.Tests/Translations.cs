using System.Globalization;
using System.Text.RegularExpressions;
using Whuffie.Web;

namespace Whuffie.Tests;

/// <summary>Every text exists in all five languages, with the same placeholders, and every key the code asks for exists.</summary>
public sealed partial class Translations
{
    public static TheoryData<string> OtherLanguages() => ["da", "sv", "nb", "nl"];

    private static readonly List<string> EnglishKeys = Text.Keys(CultureInfo.InvariantCulture).Order().ToList();

    [Theory]
    [MemberData(nameof(OtherLanguages))]
    public void Every_key_is_translated_with_the_same_placeholders(string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var keys = Text.Keys(culture).Order().ToList();
        Assert.Equal(EnglishKeys, keys);
        foreach (var key in EnglishKeys)
        {
            var english = Value(key, CultureInfo.InvariantCulture);
            var translated = Value(key, culture);
            Assert.False(string.IsNullOrWhiteSpace(translated), $"{language}: '{key}' is empty.");
            Assert.True(Placeholders(english).SetEquals(Placeholders(translated)),
                $"{language}: '{key}' has placeholders {string.Join(",", Placeholders(translated))}, English has {string.Join(",", Placeholders(english))}.");
        }
    }

    [Fact]
    public void Every_key_the_code_uses_exists()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Whuffie.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("No Whuffie.sln above the test folder.");
        var source = Path.Combine(root, "src", "Whuffie");
        var used = Directory.EnumerateFiles(source, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => KeyPattern().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();
        Assert.True(used.Count > 100, $"Found only {used.Count} keys; is the pattern still right?");
        Assert.Empty(used.Except(EnglishKeys).Order());
    }

    private static string Value(string key, CultureInfo culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try { return Text.T(key); }
        finally { CultureInfo.CurrentUICulture = previous; }
    }

    private static HashSet<string> Placeholders(string text) => PlaceholderPattern().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();

    [GeneratedRegex("""\bT\("([A-Za-z]+\.[A-Za-z.]+)"[,)]""")]
    private static partial Regex KeyPattern();
}
