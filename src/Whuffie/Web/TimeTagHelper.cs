using System.Globalization;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Whuffie.Web;

/// <summary>
/// Writes every <c>&lt;time datetime="…"&gt;</c> in the one form HTML allows: UTC, with at most three
/// fractional digits (.NET's round-trip "o" writes seven, which the Nu Html Checker refuses).
/// Pages pass the DateTime itself.
/// </summary>
[HtmlTargetElement("time", Attributes = "datetime")]
public sealed class TimeTagHelper : TagHelper
{
    [HtmlAttributeName("datetime")]
    public object? At { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (At is null) output.Attributes.RemoveAll("datetime");
        else output.Attributes.SetAttribute("datetime", Format(At));
    }

    public static string Format(object at) => at switch
    {
        DateTime t => Format(t.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(t, DateTimeKind.Utc) : t.ToUniversalTime()),
        DateTimeOffset t => Format(t.UtcDateTime),
        _ => throw new ArgumentException($"<time datetime> needs a DateTime, not '{at}'.", nameof(at)),
    };

    // Stored times are UTC (WhuffieDb reads them back as such); Unspecified means the same.
    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
