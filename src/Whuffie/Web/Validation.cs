using Microsoft.AspNetCore.Http.HttpResults;
using static Whuffie.Web.Text;

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

    /// <summary>Required text: present, not only whitespace, between min and max characters.</summary>
    public Validation Text(string field, string? value, int max, int min = 1)
    {
        if (string.IsNullOrWhiteSpace(value))
            return Add(field, T("Validation.Required"));
        var length = value.Trim().Length;
        if (length < min) Add(field, T("Validation.TooShort", min));
        if (length > max) Add(field, T("Validation.TooLong", max, length));
        return NoControlCharacters(field, value);
    }

    /// <summary>Optional text: may be missing, otherwise at most max characters.</summary>
    public Validation OptionalText(string field, string? value, int max)
    {
        if (value is not null && value.Trim().Length > max)
            Add(field, T("Validation.TooLong", max, value.Trim().Length));
        return value is null ? this : NoControlCharacters(field, value);
    }

    /// <summary>
    /// Control characters other than tab and line breaks are never meant in text people write, and
    /// PostgreSQL cannot store a NUL at all: refused with a message rather than failing at the database.
    /// </summary>
    private Validation NoControlCharacters(string field, string value) =>
        value.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')) ? Add(field, T("Validation.ControlCharacter")) : this;

    /// <summary>The messages for one field, for a form to show beside it.</summary>
    public IReadOnlyDictionary<string, List<string>> Errors => _errors;

    public ValidationProblem ToProblem() =>
        TypedResults.ValidationProblem(
            _errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
            title: T("Validation.Title"),
            // Messages are written to stand beside their field in a form; the API's summary names the field.
            detail: string.Join(" ", _errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))));
}
