namespace Whuffie.Web;

/// <summary>What Web/_Field.cshtml needs to draw one form field.</summary>
public sealed record FieldModel(string Id, string Name, string Label, string? Value, string? Error)
{
    public string Type { get; init; } = "text";
    public string? Hint { get; init; }
    public int Rows { get; init; }
    public bool Required { get; init; } = true;
    public int? MaxLength { get; init; }
    public string? Autocomplete { get; init; }

    /// <summary>The id of a &lt;datalist&gt; of suggestions.</summary>
    public string? List { get; init; }
}
