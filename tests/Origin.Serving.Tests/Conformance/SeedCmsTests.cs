using System.Net;
using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Conformance;

/// <summary>
/// The seed's dynamic-manifest set-up, as a new user builds it: a CMS like smil.php that writes the SMIL from
/// <c>?url=</c> (audio and video of that file, systemBitrate="1"), mounted as <c>ManifestProxy: http://cms/smil.php/</c>,
/// media on a plain web server, and a viewer that has only the first URL. Two files with audio and video: the bundled
/// progressive sample and a second, different clip made here with ffmpeg. A stored mount over the same folder serves
/// each file directly, as the reference.
/// </summary>
public sealed class SeedCmsFixture : IAsyncLifetime
{
    public StaticWebServer Media { get; private set; } = null!;
    public TestCms Cms { get; private set; } = null!;
    public OriginServer Origin { get; private set; } = null!;
    /// <summary>The two media URLs a viewer may ask for, as the CMS's <c>url</c> parameter.</summary>
    public string FirstMedia { get; private set; } = "";
    public string SecondMedia { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Media = await StaticWebServer.StartAsync(ignoreRange: false);
        var videos = Path.Combine(Media.Root, "videos");
        Directory.CreateDirectory(videos);
        File.Copy(Path.Combine(RepositoryFiles.Samples, "progressive.mp4"), Path.Combine(videos, "movie.mp4"));
        var made = await ExternalTool.RunAsync("ffmpeg", ["-v", "error", "-y",
            "-f", "lavfi", "-i", "testsrc=size=320x180:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100",
            "-t", "12", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "50",
            "-c:a", "aac", "-b:a", "64k", Path.Combine(videos, "other.mp4")], TimeSpan.FromMinutes(2));
        Assert.True(made.ExitCode == 0, made.Error);
        FirstMedia = Media.BaseUri + "videos/movie.mp4";
        SecondMedia = Media.BaseUri + "videos/other.mp4";
        Cms = await TestCms.StartAsync(Media.BaseUri.AbsoluteUri);
        Cms.MaxAge = 600;
        Origin = await OriginServer.StartAsync(new Dictionary<string, string> { ["files"] = videos }, Cms.SeedMount("ism", Media.BaseUri.Host));
    }

    /// <summary>The URL a CMS hands a player: <c>/ism/{cacheId}.ism/{presentation}?url={media}</c> (+ <paramref name="extra"/>).</summary>
    public string ViewerUrl(string cacheId, string presentation, string media, string extra = "") =>
        Origin.Url($"/ism/{cacheId}.ism/{presentation}?url={Uri.EscapeDataString(media)}{extra}");

    /// <summary>What the CMS was asked for that viewer URL (its path and query after ManifestProxy's rewrite).</summary>
    public int CmsRequests(string cacheId, string media, string extra = "") =>
        Cms.SeedRequests($"/smil.php/{cacheId}.ism?url={Uri.EscapeDataString(media)}{extra}");

    public async Task DisposeAsync()
    {
        await Origin.DisposeAsync();
        await Cms.DisposeAsync();
        await Media.DisposeAsync();
    }
}

public sealed class SeedCmsTests(SeedCmsFixture seed) : IClassFixture<SeedCmsFixture>
{
    static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Players_play_every_format_from_the_first_url_alone_and_the_cms_is_asked_once()
    {
        // A '$' in the query must survive a DASH SegmentTemplate ("$$"), and every URL the players follow must
        // carry the query, or the CMS gets no url and the player a 404.
        const string extra = "&session=a$b";
        var jobs = new List<PlayerTests.Job>
        {
            new("hlsjs", seed.ViewerUrl("play1", ".m3u8", seed.FirstMedia)),
            new("shaka", seed.ViewerUrl("play1", ".mpd", seed.FirstMedia)),
            new("dashjs-mss", seed.ViewerUrl("play1", "Manifest", seed.FirstMedia)),
            new("dashjs", seed.ViewerUrl("play2", ".mpd", seed.SecondMedia, extra)),
            new("hlsjs", seed.ViewerUrl("play2", ".m3u8", seed.SecondMedia, extra)),
        };
        var results = await PlayerTests.PlayAsync(jobs);
        Assert.All(results, r => Assert.True(r.Ok && r.CurrentTime >= 8, $"{r.Player} {r.Url}: {r.Error} at {r.CurrentTime}s"));
        // Every request of the whole play (three formats, manifests and segments) resolved one CMS manifest.
        Assert.Equal(1, seed.CmsRequests("play1", seed.FirstMedia));
        Assert.Equal(1, seed.CmsRequests("play2", seed.SecondMedia, extra));
    }

    [Theory]
    [InlineData(".m3u8")]
    [InlineData(".mpd")]
    public async Task Ffmpeg_reads_the_cms_stream_to_the_end(string presentation)
    {
        var url = seed.ViewerUrl("ffmpeg" + presentation, presentation, seed.FirstMedia);
        var decode = await ExternalTool.RunAsync("ffmpeg", ["-v", "error", "-xerror", "-i", url, "-map", "0:v:0", "-map", "0:a:0", "-f", "null", "-"], ToolTimeout);
        Assert.True(decode.ExitCode == 0 && decode.Error.Trim().Length == 0, decode.Error);
        var frames = await ExternalTool.RunAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-count_packets",
            "-show_entries", "stream=nb_read_packets", "-of", "csv=p=0", url], ToolTimeout);
        Assert.All(frames.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries), count => Assert.Equal("480", count.Trim()));
        Assert.Equal(1, seed.CmsRequests("ffmpeg" + presentation, seed.FirstMedia));
    }

    [Theory]
    [InlineData("hls")]
    [InlineData("dash")]
    [InlineData("smooth")]
    public async Task Two_viewers_under_one_cache_id_get_their_own_media_byte_identical_to_each_file_served_directly(string format)
    {
        // One CACHE_ID, two url values, in parallel: only the query tells them apart, so a presentation, a cache
        // entry or an ETag keyed without it would hand one viewer the other's media.
        var cacheId = "shared-" + format;
        var viewed = await Task.WhenAll(
            CrawlAsync(format, seed.ViewerUrl(cacheId, Entry(format), seed.FirstMedia), cacheId),
            CrawlAsync(format, seed.ViewerUrl(cacheId, Entry(format), seed.SecondMedia), cacheId));
        var direct = await Task.WhenAll(
            CrawlAsync(format, seed.Origin.Url("/files/movie.mp4/" + Entry(format)), "movie"),
            CrawlAsync(format, seed.Origin.Url("/files/other.mp4/" + Entry(format)), "other"));
        for (int v = 0; v < 2; v++)
        {
            Assert.Equal(direct[v].Bodies.Count, viewed[v].Bodies.Count);
            for (int i = 0; i < direct[v].Bodies.Count; i++)
                Assert.True(direct[v].Bodies[i].AsSpan().SequenceEqual(viewed[v].Bodies[i]), $"viewer {v + 1}: {viewed[v].Urls[i]} differs from {direct[v].Urls[i]}");
            Assert.All(viewed[v].Urls, url => Assert.Contains("?url=" + Uri.EscapeDataString(v == 0 ? seed.FirstMedia : seed.SecondMedia), url));
        }
        Assert.NotEqual(direct[0].Bodies.Sum(b => b.Length), direct[1].Bodies.Sum(b => b.Length)); // the two files really differ
        Assert.Empty(viewed[0].ETags.Intersect(viewed[1].ETags));
        Assert.Equal(1, seed.CmsRequests(cacheId, seed.FirstMedia));
        Assert.Equal(1, seed.CmsRequests(cacheId, seed.SecondMedia));
    }

    [Fact]
    public async Task Placeholder_bitrates_give_way_to_the_measured_ones()
    {
        var master = await seed.Origin.Client.GetStringAsync(seed.ViewerUrl("bitrates", ".m3u8", seed.FirstMedia));
        var direct = await seed.Origin.Client.GetStringAsync(seed.Origin.Url("/files/movie.mp4/.m3u8"));
        Assert.DoesNotContain("=1.m3u8", master);
        Assert.DoesNotContain("BANDWIDTH=1,", master);
        // The same names and figures as the file served with no server manifest, up to the asset name and query.
        Assert.Equal(direct.Replace("movie-", "bitrates-"), master.Replace("?url=" + Uri.EscapeDataString(seed.FirstMedia), ""));
    }

    [Fact]
    public async Task A_child_url_without_the_query_still_reaches_no_manifest()
    {
        // What players did before URLs carried the query: the CMS gets no url and says so.
        using var response = await seed.Origin.Client.GetAsync(seed.Origin.Url("/ism/bare.ism/bare-video=402263.m3u8"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    static string Entry(string format) => format switch { "hls" => ".m3u8", "dash" => ".mpd", _ => "Manifest" };

    sealed record Crawl(List<string> Urls, List<byte[]> Bodies, HashSet<string> ETags);

    /// <summary>Follows the manifests from <paramref name="url"/> as a player does and fetches every resource they name.</summary>
    async Task<Crawl> CrawlAsync(string format, string url, string assetName)
    {
        var client = seed.Origin.Client;
        var tracks = format switch
        {
            "hls" => await SegmentLists.FromHlsAsync(client, url),
            "dash" => await SegmentLists.FromDashAsync(client, url),
            _ => await SegmentLists.FromSmoothAsync(client, url, assetName),
        };
        var crawl = new Crawl([], [], []);
        foreach (var track in tracks.OrderBy(t => t.IsVideo))
        {
            foreach (var resource in (string[])[track.Init, .. track.Segments])
            {
                using var response = await client.GetAsync(resource);
                Assert.True(response.IsSuccessStatusCode, $"{resource}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                crawl.Urls.Add(resource);
                crawl.Bodies.Add(await response.Content.ReadAsByteArrayAsync());
                crawl.ETags.Add(response.Headers.ETag!.Tag);
            }
        }
        using var manifest = await client.GetAsync(url);
        crawl.ETags.Add(manifest.Headers.ETag!.Tag);
        return crawl;
    }
}
