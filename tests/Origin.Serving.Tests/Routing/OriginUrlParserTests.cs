using Origin.Serving.Routing;

namespace Origin.Serving.Tests.Routing;

public class OriginUrlParserTests
{
    [Theory]
    [InlineData("demo.ism/.m3u8", OutputFormat.Hls, ResourceKind.Manifest, null, 0, 0)]
    [InlineData("a/b/demo.ism/.mpd", OutputFormat.Dash, ResourceKind.Manifest, null, 0, 0)]
    [InlineData("demo.ism/Manifest", OutputFormat.Smooth, ResourceKind.Manifest, null, 0, 0)]
    [InlineData("demo.ism/demo-video=300000.m3u8", OutputFormat.Hls, ResourceKind.MediaPlaylist, "video=300000", 0, 0)]
    [InlineData("demo.ism/demo-video=300000.m4s", OutputFormat.Hls, ResourceKind.InitSegment, "video=300000", 0, 0)]
    [InlineData("demo.ism/demo-video=300000-12.m4s", OutputFormat.Hls, ResourceKind.MediaSegment, "video=300000", 12, 0)]
    [InlineData("demo.ism/dash/demo-audio_eng=64000.dash", OutputFormat.Dash, ResourceKind.InitSegment, "audio_eng=64000", 0, 0)]
    [InlineData("demo.ism/dash/demo-audio_eng=64000-40000000.dash", OutputFormat.Dash, ResourceKind.MediaSegment, "audio_eng=64000", 0, 40000000)]
    [InlineData("demo.ism/QualityLevels(300000)/Fragments(video=20000000)", OutputFormat.Smooth, ResourceKind.MediaSegment, "video=300000", 0, 20000000)]
    [InlineData("my-movie.mp4/my-movie-video=1-3.m4s", OutputFormat.Hls, ResourceKind.MediaSegment, "video=1", 3, 0)]
    public void Unified_Origin_urls_parse(string path, OutputFormat format, ResourceKind kind, string? key, int number, long time)
    {
        var result = OriginUrlParser.Parse(path);
        var request = Assert.IsType<OriginRequest>(result.Request);
        Assert.Equal(format, request.Format);
        Assert.Equal(kind, request.Kind);
        Assert.Equal(key, request.TrackKey);
        Assert.Equal(number, request.SegmentNumber);
        Assert.Equal(time, request.SegmentTime);
    }

    [Fact]
    public void Asset_path_and_name_are_split()
    {
        var request = OriginUrlParser.Parse("/movies/2024/demo.ism/.m3u8").Request!;
        Assert.Equal("movies/2024/demo.ism", request.AssetPath);
        Assert.Equal("demo", request.AssetName);
        Assert.True(request.HasServerManifest);
    }

    [Theory]
    [InlineData("demo.ism", 404)]
    [InlineData("nothing/here", 404)]
    [InlineData("demo.ism/other.m3u8", 404)]
    [InlineData("demo.ism/demo-video.m3u8", 404)]
    [InlineData("demo.ism/demo-video=300000-0.m4s", 400)]
    [InlineData("demo.ism/demo-video=300000-99999999999.m4s", 400)]
    [InlineData("demo.ism/dash/demo-video=1-99999999999999999999.dash", 400)]
    [InlineData("../etc/demo.ism/.m3u8", 400)]
    [InlineData("a//demo.ism/.m3u8", 400)]
    [InlineData(".ism/.m3u8", 400)]
    [InlineData("demo.ism/QualityLevels(1)/Fragments(video=abc)", 404)]
    public void Bad_urls_get_a_status_and_reason(string path, int status)
    {
        var result = OriginUrlParser.Parse(path);
        Assert.Null(result.Request);
        Assert.Equal(status, result.Status);
        Assert.False(string.IsNullOrEmpty(result.Reason));
    }

    [Fact]
    public void Oversize_urls_are_refused()
    {
        Assert.Equal(414, OriginUrlParser.Parse(new string('a', 5000) + ".ism/.m3u8").Status);
    }
}
