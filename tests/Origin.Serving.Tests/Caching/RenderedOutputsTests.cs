using Origin.Serving.Caching;

namespace Origin.Serving.Tests.Caching;

/// <summary>Rendered outputs are made once per presentation version, path and query, and kept within their bytes.</summary>
public class RenderedOutputsTests
{
    int _renders;

    RenderedOutput Render(string body)
    {
        _renders++;
        return new RenderedOutput(System.Text.Encoding.UTF8.GetBytes(body), "text/plain", "\"" + body + "\"");
    }

    [Fact]
    public void An_output_is_rendered_once_and_again_for_another_version_path_or_query()
    {
        var outputs = new RenderedOutputs(1 << 20);
        var first = outputs.GetOrRender("v1", "/vod/a.ism/.m3u8", "", () => Render("a"));
        Assert.Same(first, outputs.GetOrRender("v1", "/vod/a.ism/.m3u8", "", () => Render("again")));
        Assert.Equal(1, _renders);
        outputs.GetOrRender("v2", "/vod/a.ism/.m3u8", "", () => Render("b"));
        outputs.GetOrRender("v1", "/vod/a.ism/.mpd", "", () => Render("c"));
        Assert.Equal("d", System.Text.Encoding.UTF8.GetString(outputs.GetOrRender("v1", "/vod/a.ism/.m3u8", "?token=1", () => Render("d")).Body));
        Assert.Equal(4, _renders);
    }

    [Fact]
    public void A_failed_render_is_not_kept()
    {
        var outputs = new RenderedOutputs(1 << 20);
        Assert.Throws<InvalidOperationException>(() => outputs.GetOrRender("v1", "/p", "", () => throw new InvalidOperationException("no")));
        Assert.Equal("ok", System.Text.Encoding.UTF8.GetString(outputs.GetOrRender("v1", "/p", "", () => Render("ok")).Body));
    }

    [Fact]
    public void Outputs_beyond_the_capacity_are_dropped_least_recently_used_first()
    {
        var outputs = new RenderedOutputs(3 * (1000 + 256));
        for (int i = 0; i < 4; i++) outputs.GetOrRender("v", "/" + i, "", () => Render(new string('x', 1000)));
        outputs.GetOrRender("v", "/3", "", () => Render("kept"));
        Assert.Equal(4, _renders);
        outputs.GetOrRender("v", "/0", "", () => Render("dropped"));
        Assert.Equal(5, _renders);
    }
}
