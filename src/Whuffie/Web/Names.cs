namespace Whuffie.Web;

public static class Names
{
    /// <summary>
    /// An enum member by its name, case-insensitively. Unlike Enum.TryParse it refuses
    /// numbers ("2") and combinations ("top,new"), which would otherwise slip through.
    /// </summary>
    public static bool TryParse<T>(string? name, out T value) where T : struct, Enum
    {
        value = default;
        var trimmed = name?.Trim() ?? "";
        foreach (var candidate in Enum.GetValues<T>())
        {
            if (!string.Equals(candidate.ToString(), trimmed, StringComparison.OrdinalIgnoreCase)) continue;
            value = candidate;
            return true;
        }
        return false;
    }
}
