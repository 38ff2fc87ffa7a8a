using Origin.Serving.Assets;
using Origin.Serving.Options;
using Origin.Serving.Options.Filters;

namespace Origin.Serving.Tests.Options;

/// <summary>The filter expression language: what parses, to which canonical form, and where a bad one goes wrong.</summary>
public class TrackFilterTests
{
    [Theory]
    [InlineData("type==\"video\"", "type==\"video\"")]
    [InlineData(" type == \"audio\" ", "type==\"audio\"")]
    [InlineData("(type==\"audio\"&&systemBitrate<100000)||(type!=\"audio\")", "((type==\"audio\"&&systemBitrate<100000)||type!=\"audio\")")]
    [InlineData("type==\"a\"||type==\"b\"&&type==\"c\"", "(type==\"a\"||(type==\"b\"&&type==\"c\"))")] // && binds tighter
    [InlineData("!(MaxHeight>720)", "!(MaxHeight>720)")]
    [InlineData("!!(maxheight>=480.0)", "!(!(MaxHeight>=480))")]
    [InlineData("systemLanguage==\"eng\"&&trackName!=\"audio_description\"", "(systemLanguage==\"eng\"&&trackName!=\"audio_description\")")]
    [InlineData("FourCC==\"AACL\"||FourCC==\"avc1\"", "(FourCC==\"AACL\"||FourCC==\"avc1\")")]
    [InlineData("trackName==\"a \\\"quoted\\\" name\"", "trackName==\"a \\\"quoted\\\" name\"")]
    [InlineData("MaxWidth<=1280", "MaxWidth<=1280")]
    public void A_valid_expression_has_one_canonical_form(string expression, string canonical) =>
        Assert.Equal(canonical, TrackFilterParser.Parse(expression).Canonical);

    [Theory]
    [InlineData("", "expected an attribute at position 1")]
    [InlineData("type", "expected a comparison (==, !=, <, <=, >, >=) after type at position 5")]
    [InlineData("type=\"video\"", "expected a comparison (==, !=, <, <=, >, >=) after type at position 5")]
    [InlineData("height>720", "unknown attribute 'height' (one of type, systemBitrate, systemLanguage, trackName, FourCC, MaxWidth, MaxHeight) at position 1")]
    [InlineData("(type==\"video\"", "expected ')' at position 15")]
    [InlineData("type==\"video\")", "unexpected ')' at position 14")]
    [InlineData("type==\"video", "unterminated text (a closing \" is missing) at position 13")]
    [InlineData("type==video", "expected a value but found 'v' at position 7")]
    [InlineData("type==1", "type is text: write the value in double quotes at position 7")]
    [InlineData("systemBitrate==\"x\"", "systemBitrate is a number, not text at position 16")]
    [InlineData("type<\"video\"", "text compares with == or != only, not < at position 5")]
    [InlineData("type==\"video\"|type==\"audio\"", "unexpected '|' at position 14")]
    [InlineData("type==\"video\"&&", "expected an attribute at position 16")]
    [InlineData("MaxHeight>1.2.3", "not a number at position 11")]
    [InlineData("MaxHeight>-1", "expected a value but found '-' at position 11")]
    public void A_bad_expression_says_what_and_where(string expression, string message) =>
        Assert.Equal(message, Assert.Throws<TrackFilterException>(() => TrackFilterParser.Parse(expression)).Message);

    [Fact]
    public void Deep_nesting_and_long_expressions_are_refused_not_recursed_into()
    {
        var deep = new string('(', 10_000) + "type==\"video\"" + new string(')', 10_000);
        Assert.Contains("the expression is longer than", Assert.Throws<TrackFilterException>(() => TrackFilterParser.Parse(deep)).Message);
        var nested = new string('!', 40) + "type==\"video\"";
        Assert.Contains("nested deeper than 32", Assert.Throws<TrackFilterException>(() => TrackFilterParser.Parse(nested)).Message);
    }

    [Fact]
    public void In_the_query_a_bad_filter_is_the_viewers_400_with_the_position()
    {
        var e = Assert.Throws<OriginProblem>(() => RequestOptionsReader.FromQuery("?filter=" + Uri.EscapeDataString("type==\"video\" &&")));
        Assert.Equal(400, e.Status);
        Assert.Equal("option filter: expected an attribute at position 17", e.Message);
    }

    [Fact]
    public void The_server_manifest_filter_and_the_urls_both_hold()
    {
        var manifest = RequestOptionsReader.FromManifest(new Dictionary<string, string> { ["filter"] = "MaxHeight<=360" });
        var both = manifest.Narrowed(RequestOptionsReader.FromQuery("?filter=type%3D%3D%22video%22&max_bitrate=400000"));
        Assert.Equal("filter=(MaxHeight<=360&&type==\"video\")&max_bitrate=400000", both.Canonical);
    }
}
