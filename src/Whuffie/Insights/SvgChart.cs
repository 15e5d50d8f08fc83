using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;
using static System.Net.WebUtility;

namespace Whuffie.Insights;

/// <summary>What fills a series' bars besides its colour, so that no series is told apart by colour alone.</summary>
public enum Pattern
{
    Solid,
    Stripes,
    Dots,
}

/// <summary>One series: its name (the legend), a value per category, its colour and pattern.</summary>
public sealed record Series(string Name, IReadOnlyList<int> Values, string Colour, Pattern Pattern);

/// <summary>A chart's words: its accessible name and description, and its axes' titles.</summary>
public sealed record ChartText(string Id, string Title, string Description, string XAxis = "", string YAxis = "");

/// <summary>
/// Bar charts as server-rendered SVG: no script, no library. Each is one image to assistive
/// technology (role="img", named by its title and description), scales to its container through
/// its viewBox (drawn 360 wide, so that on a 360 px phone its text stays about 13 px),
/// and draws every bar with an outline in its colour, so the marks keep 3:1 against white even
/// where a pattern lightens them. The page puts a table with the same figures under each chart.
/// </summary>
public static class SvgChart
{
    // Mark colours, each at least 3:1 against the white page (WCAG 1.4.11); text uses the page's own greys.
    public const string Blue = "#1d5b85";
    public const string Green = "#1e6b30";
    public const string Brown = "#8a5300";
    public const string Red = "#b00020";
    private const string TextColour = "#1a1a1a";
    private const string AxisColour = "#545454";
    private const string GridColour = "#d6d6d6";

    private const double Width = 360, Left = 46, Right = 6, PlotHeight = 150, Bottom = 46, FontSize = 14;

    /// <summary>Vertical bars, one group per category (a week), one bar per series in each group, on labelled axes.</summary>
    public static IHtmlContent Columns(ChartText text, IReadOnlyList<string> categories, IReadOnlyList<Series> series)
    {
        var legend = series.Count > 1;
        var top = legend ? 50.0 : 28.0;
        var height = top + PlotHeight + Bottom;
        var svg = Open(text, height, series);
        if (legend) Legend(svg, text.Id, series, y: 14, vertical: false);
        // The y axis' title sits above its labels rather than turned on its side: readable on a phone.
        Text(svg, 0, top - 10, text.YAxis, "start");

        var highest = series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max();
        var step = Step(highest);
        var max = Math.Max(step, Math.Ceiling(highest / (double)step) * step);
        var plotWidth = Width - Left - Right;
        double Y(double value) => top + PlotHeight - value / max * PlotHeight;
        for (var tick = 0.0; tick <= max; tick += step)
        {
            Line(svg, Left, Y(tick), Width - Right, Y(tick), tick == 0 ? AxisColour : GridColour);
            Text(svg, Left - 6, Y(tick) + 4, tick.ToString("N0", CultureInfo.CurrentCulture), "end");
        }

        var group = plotWidth / Math.Max(1, categories.Count);
        var bar = group * 0.8 / Math.Max(1, series.Count);
        for (var c = 0; c < categories.Count; c++)
        {
            var x = Left + c * group + group * 0.1;
            for (var s = 0; s < series.Count; s++)
            {
                var value = c < series[s].Values.Count ? series[s].Values[c] : 0;
                if (value > 0) Rect(svg, x + s * bar + 0.5, Y(value), bar - 1, Y(0) - Y(value), text.Id, s, series[s]);
            }
            Text(svg, Left + (c + 0.5) * group, top + PlotHeight + 18, categories[c], "middle");
        }
        Text(svg, Left + plotWidth / 2, height - 6, text.XAxis, "middle");
        return Close(svg);
    }

    /// <summary>One horizontal bar divided into the parts' shares, with a legend row per part (its label says the figures).</summary>
    public static IHtmlContent Stacked(ChartText text, IReadOnlyList<Series> parts)
    {
        const double barHeight = 36, row = 26;
        var height = barHeight + 12 + row * parts.Count + 4;
        var svg = Open(text, height, parts);
        var total = parts.Sum(p => p.Values.Sum());
        var x = 0.0;
        for (var p = 0; p < parts.Count; p++)
        {
            var width = total == 0 ? 0 : Width * parts[p].Values.Sum() / total;
            // A white gap between parts keeps each one's edge against white, not against its neighbour.
            if (width > 0) Rect(svg, x + 1, 1, Math.Max(1, width - 3), barHeight - 2, text.Id, p, parts[p]);
            x += width;
        }
        Legend(svg, text.Id, parts, y: barHeight + 12 + 14, vertical: true);
        return Close(svg);
    }

    /// <summary>The step between the value axis' labels: 1, 2 or 5 times a power of ten, about four steps to the top.</summary>
    public static int Step(int max)
    {
        var rough = Math.Max(1, max / 4.0);
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var nice = new[] { 1, 2, 5, 10 }.Select(m => m * power).First(candidate => candidate >= rough);
        return (int)nice;
    }

    private static StringBuilder Open(ChartText text, double height, IReadOnlyList<Series> series)
    {
        var svg = new StringBuilder()
            .Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {N(Width)} {N(height)}\" width=\"100%\" ")
            .Append($"role=\"img\" aria-labelledby=\"{text.Id}-title {text.Id}-desc\" font-size=\"{N(FontSize)}\">")
            .Append($"<title id=\"{text.Id}-title\">{HtmlEncode(text.Title)}</title>")
            .Append($"<desc id=\"{text.Id}-desc\">{HtmlEncode(text.Description)}</desc><defs>");
        for (var s = 0; s < series.Count; s++)
        {
            var colour = series[s].Colour;
            var id = $"{text.Id}-p{s}";
            svg.Append(series[s].Pattern switch
            {
                Pattern.Stripes => $"<pattern id=\"{id}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                    + $"<rect width=\"6\" height=\"6\" fill=\"#fff\"/><rect width=\"3.5\" height=\"6\" fill=\"{colour}\"/></pattern>",
                Pattern.Dots => $"<pattern id=\"{id}\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\">"
                    + $"<rect width=\"6\" height=\"6\" fill=\"{colour}\"/><circle cx=\"3\" cy=\"3\" r=\"1.6\" fill=\"#fff\"/></pattern>",
                _ => "",
            });
        }
        return svg.Append("</defs>");
    }

    private static HtmlString Close(StringBuilder svg) => new(svg.Append("</svg>").ToString());

    private static void Rect(StringBuilder svg, double x, double y, double width, double height, string chart, int series, Series look) =>
        svg.Append($"<rect x=\"{N(x)}\" y=\"{N(y)}\" width=\"{N(width)}\" height=\"{N(height)}\" ")
            .Append($"fill=\"{(look.Pattern == Pattern.Solid ? look.Colour : $"url(#{chart}-p{series})")}\" stroke=\"{look.Colour}\"/>");

    /// <summary>A swatch and a name per series: in a row above a chart, or a row each under a stacked bar.</summary>
    private static void Legend(StringBuilder svg, string chart, IReadOnlyList<Series> series, double y, bool vertical)
    {
        var x = 0.0;
        for (var s = 0; s < series.Count; s++)
        {
            Rect(svg, x + 0.5, y - 12.5, 14, 14, chart, s, series[s]);
            Text(svg, x + 20, y, series[s].Name, "start");
            if (vertical) y += 26;
            else x += 20 + series[s].Name.Length * FontSize * 0.6 + 18; // an estimate: the server cannot measure text
        }
    }

    private static void Line(StringBuilder svg, double x1, double y1, double x2, double y2, string colour) =>
        svg.Append($"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" stroke=\"{colour}\"/>");

    private static void Text(StringBuilder svg, double x, double y, string text, string anchor)
    {
        if (text.Length > 0)
            svg.Append($"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" fill=\"{TextColour}\">{HtmlEncode(text)}</text>");
    }

    /// <summary>Coordinates are always written the invariant way: "12.5", never the page culture's "12,5".</summary>
    private static string N(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);
}
