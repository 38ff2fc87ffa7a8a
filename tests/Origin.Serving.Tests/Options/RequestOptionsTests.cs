using Origin.Serving.Assets;
using Origin.Serving.Options;

namespace Origin.Serving.Tests.Options;

public class RequestOptionsTests
{
    [Theory]
    [InlineData("", "")]
    [InlineData("?token=abc&other", "")]
    [InlineData("?max_bitrate=0800000", "max_bitrate=800000")]
    [InlineData("?min_bitrate=1&token=x&max_bitrate=2", "max_bitrate=2&min_bitrate=1")]
    [InlineData("?max%5Fbitrate=300000", "max_bitrate=300000")]
    public void The_canonical_form_is_one_per_meaning(string query, string canonical) =>
        Assert.Equal(canonical, RequestOptionsReader.FromQuery(query).Canonical);

    [Theory]
    [InlineData("?max_bitrate=", "option max_bitrate: expected a bit rate in bits per second")]
    [InlineData("?max_bitrate=-5", "option max_bitrate: expected a bit rate in bits per second")]
    [InlineData("?min_bitrate=1e6", "option min_bitrate: expected a bit rate in bits per second")]
    [InlineData("?max_bitrate=99999999999999999999", "option max_bitrate: expected a bit rate in bits per second")]
    [InlineData("?max_bitrate=1&max_bitrate=2", "option max_bitrate is given 2 times")]
    public void A_bad_option_is_the_viewers_400_with_a_reason(string query, string reason)
    {
        var e = Assert.Throws<OriginProblem>(() => RequestOptionsReader.FromQuery(query));
        Assert.Equal(400, e.Status);
        Assert.Equal(reason, e.Message);
    }

    [Fact]
    public void A_bad_manifest_meta_is_the_publishers_502()
    {
        var e = Assert.Throws<OriginProblem>(() => RequestOptionsReader.FromManifest(new Dictionary<string, string> { ["max_bitrate"] = "high" }));
        Assert.Equal(502, e.Status);
        Assert.Contains("server manifest meta max_bitrate", e.Message);
    }

    [Fact]
    public void The_manifest_and_the_query_together_keep_the_narrower_bound()
    {
        var manifest = RequestOptionsReader.FromManifest(new Dictionary<string, string> { ["max_bitrate"] = "400000", ["min_bitrate"] = "100000" });
        Assert.Equal("max_bitrate=400000&min_bitrate=200000", manifest.Narrowed(RequestOptionsReader.FromQuery("?max_bitrate=900000&min_bitrate=200000")).Canonical);
        Assert.Equal("max_bitrate=300000&min_bitrate=100000", manifest.Narrowed(RequestOptionsReader.FromQuery("?max_bitrate=300000")).Canonical);
        Assert.Same(manifest, manifest.Narrowed(RequestOptions.None));
    }
}
