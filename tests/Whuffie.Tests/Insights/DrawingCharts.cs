using System.Globalization;
using System.Xml.Linq;
using Whuffie.Insights;
using Whuffie.Organizations;

namespace Whuffie.Tests.Insights;

/// <summary>The SVG charts on their own: well-formed, named, readable in any culture, with marks that stand out.</summary>
public sealed class DrawingCharts
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static XElement Columns(params int[] values) => XElement.Parse(SvgChart.Columns(
        new ChartText("c", "Ideas per week", "Two bars per week.", "Week", "Ideas"),
        values.Select((_, i) => (i + 1).ToString(CultureInfo.InvariantCulture)).ToList(),
        [new Series("Submitted", values, SvgChart.Blue, Pattern.Solid), new Series("Answered", [.. values.Select(v => v / 2)], SvgChart.Green, Pattern.Stripes)])
        .ToString()!);

    [Fact]
    public void A_chart_is_one_named_image_that_scales_with_its_container()
    {
        var svg = InCulture("en-GB", () => Columns(3, 0, 1200));
        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("c-title c-desc", (string?)svg.Attribute("aria-labelledby"));
        Assert.Equal("100%", (string?)svg.Attribute("width"));
        Assert.NotNull(svg.Attribute("viewBox"));
        Assert.Equal("Ideas per week", svg.Element(Svg + "title")!.Value);
        Assert.Equal("c-title", (string?)svg.Element(Svg + "title")!.Attribute("id"));
        Assert.Equal("c-desc", (string?)svg.Element(Svg + "desc")!.Attribute("id"));
        var texts = svg.Descendants(Svg + "text").Select(t => t.Value).ToList();
        Assert.Contains("Week", texts);
        Assert.Contains("Ideas", texts);
        Assert.Contains("Submitted", texts);
        Assert.Contains("Answered", texts);
        Assert.Contains("1,500", texts); // the top of the value axis: 1,200 rounded up to a step of 500
    }

    [Fact]
    public void Coordinates_stay_invariant_while_labels_follow_the_culture()
    {
        var svg = InCulture("da-DK", () => Columns(7, 2, 1500, 3, 4, 5, 6, 7, 8, 9, 10, 11));
        var numbers = svg.Descendants().SelectMany(e => e.Attributes())
            .Where(a => a.Name.LocalName is "x" or "y" or "width" or "height" or "x1" or "x2" or "y1" or "y2" or "viewBox");
        Assert.All(numbers, a => Assert.DoesNotContain(",", a.Value, StringComparison.Ordinal));
        Assert.Contains("1.500", svg.Descendants(Svg + "text").Select(t => t.Value));
    }

    private static T InCulture<T>(string name, Func<T> draw)
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
        try { return draw(); }
        finally { CultureInfo.CurrentCulture = previous; }
    }

    [Fact]
    public void Every_series_but_the_first_has_a_pattern_and_every_bar_an_outline()
    {
        var svg = Columns(4, 6);
        var bars = svg.Elements(Svg + "rect").ToList();
        Assert.All(bars, bar => Assert.NotNull(bar.Attribute("stroke")));
        Assert.Contains(bars, bar => (string?)bar.Attribute("fill") == "url(#c-p1)");
        Assert.Single(svg.Descendants(Svg + "pattern"));
    }

    [Fact]
    public void The_stacked_bar_divides_its_width_by_the_shares()
    {
        var svg = XElement.Parse(SvgChart.Stacked(new ChartText("h", "Did it help?", "Yes 50 %, partly 25 %, no 25 %."),
        [
            new Series("Yes: 2 (50%)", [2], SvgChart.Green, Pattern.Solid),
            new Series("Partly: 1 (25%)", [1], SvgChart.Brown, Pattern.Stripes),
            new Series("No: 1 (25%)", [1], SvgChart.Red, Pattern.Dots),
        ]).ToString()!);
        var widths = svg.Elements(Svg + "rect").Where(r => (string?)r.Attribute("height") == "34")
            .Select(r => double.Parse((string)r.Attribute("width")!, CultureInfo.InvariantCulture) + 3).ToList();
        Assert.Equal([180, 90, 90], widths); // of 360
        Assert.Equal(["Yes: 2 (50%)", "Partly: 1 (25%)", "No: 1 (25%)"], svg.Descendants(Svg + "text").Select(t => t.Value));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(3, 1)]
    [InlineData(7, 2)]
    [InlineData(40, 10)]
    [InlineData(100, 50)]
    [InlineData(1200, 500)]
    public void The_value_axis_steps_by_one_two_or_five_times_a_power_of_ten(int max, int step) =>
        Assert.Equal(step, SvgChart.Step(max));

    [Theory]
    [InlineData(SvgChart.Blue)]
    [InlineData(SvgChart.Green)]
    [InlineData(SvgChart.Brown)]
    [InlineData(SvgChart.Red)]
    public void Every_mark_colour_has_at_least_3_to_1_against_the_white_page(string colour) =>
        Assert.True(Branding.ContrastWithWhite(colour) >= 3, $"{colour}: {Branding.ContrastWithWhite(colour):0.0}:1");
}
