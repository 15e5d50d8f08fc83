using Microsoft.AspNetCore.Http.HttpResults;

namespace Whuffie.Web;

/// <summary>
/// Collects field errors for a 400 validation problem. Explicit checks beside each request
/// type, rather than attributes, so every message is one we wrote.
/// </summary>
public sealed class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public Validation Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
        return this;
    }

    /// <summary>Required text: present, not only whitespace, at most max characters.</summary>
    public Validation Text(string field, string? value, int max, int min = 1)
    {
        if (string.IsNullOrWhiteSpace(value))
            return Add(field, $"{field} is required.");
        var length = value.Trim().Length;
        if (length < min) Add(field, $"{field} must be at least {min} characters.");
        if (length > max) Add(field, $"{field} must be at most {max} characters (it has {length}).");
        return this;
    }

    /// <summary>Optional text: may be missing, otherwise at most max characters.</summary>
    public Validation OptionalText(string field, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max)
            Add(field, $"{field} must be at most {max} characters (it has {value.Trim().Length}).");
        return this;
    }

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(
            _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
            title: "Some fields need another look",
            detail: string.Join(" ", _errors.Values.SelectMany(v => v)));
}
