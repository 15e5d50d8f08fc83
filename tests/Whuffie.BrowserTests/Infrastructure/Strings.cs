using System.Collections.Concurrent;
using System.Xml.Linq;

namespace Whuffie.BrowserTests.Infrastructure;

/// <summary>
/// The texts people read, straight from src/Whuffie/Web/Strings*.resx, so the language tests
/// compare against what the translators wrote instead of a copy of it in the tests.
/// </summary>
public static class Strings
{
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>?> Files = new();

    /// <summary>The text for key in a language, falling back to English as the app's ResourceManager does.</summary>
    public static string Get(string language, string key) =>
        Translated(language, key) ?? Translated("en", key) ?? throw new ArgumentException($"Strings.resx has no key '{key}'.", nameof(key));

    /// <summary>The text for key in the language's own file, or null when that file or key is missing.</summary>
    public static string? Translated(string language, string key) =>
        Load(language) is { } texts && texts.TryGetValue(key, out var text) ? text : null;

    private static IReadOnlyDictionary<string, string>? Load(string language) => Files.GetOrAdd(language, code =>
    {
        var name = code == "en" ? "Strings.resx" : $"Strings.{code}.resx";
        var path = Path.Combine(Repository.Root, "src", "Whuffie", "Web", name);
        if (!File.Exists(path)) return null;
        return XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "", StringComparer.Ordinal);
    });
}
