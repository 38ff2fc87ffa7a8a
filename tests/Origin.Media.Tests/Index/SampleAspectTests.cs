using Origin.Media.Boxes;
using Origin.Media.Index;
using Origin.Testing;

namespace Origin.Media.Tests.Index;

/// <summary>
/// The pixel shape a track declares: from pasp, else from the H.264 SPS's VUI. The vectors below were made by x264
/// and their aspect_ratio_idc read back with ffmpeg's trace_headers.
/// </summary>
public class SampleAspectTests
{
    [Theory]
    [InlineData("6742c00bda0b13b0e1000003000100000300320f142aa0", 4u, 3u)] // Baseline, aspect_ratio_idc 14
    [InlineData("67f4000b919682c4ec0840000003004000000c83c50aa8", 12u, 11u)] // High 4:4:4 (chroma_format_idc 3), idc 2
    public void An_sps_gives_its_table_aspect(string hex, uint horizontal, uint vertical) =>
        Assert.Equal(new PixelAspect(horizontal, vertical), AvcSampleAspect.FromSequenceParameterSet(Convert.FromHexString(hex)));

    [Theory]
    [InlineData("demo-video-150k.ismv")]
    [InlineData("demo-video-300k.ismv")]
    [InlineData("demo-video-500k.ismv")]
    [InlineData("progressive.mp4")]
    public async Task The_sps_and_pasp_of_every_sample_agree_and_the_sps_stands_in_when_pasp_is_missing(string file)
    {
        var track = (await MediaIndexReader.ReadAsync(await RepositoryFiles.OpenSampleAsync(file), default)).Tracks[0];
        var entry = (VisualSampleEntry)BoxParser.ReadOne(track.SampleEntry.ToArray());
        var avc = entry.Children.Find<AvcConfigurationBox>()!;
        var pasp = entry.Children.Find<PixelAspectRatioBox>()!;
        var fromPasp = new PixelAspect(pasp.HorizontalSpacing, pasp.VerticalSpacing);
        Assert.Equal(fromPasp, track.Codec.SampleAspect);
        Assert.Equal(fromPasp, AvcSampleAspect.FromSequenceParameterSet(avc.SequenceParameterSets[0]));
        entry.Children.Remove(pasp);
        Assert.Equal(fromPasp, CodecDescription.From(entry).SampleAspect);
    }

    [Fact]
    public void A_truncated_or_empty_sps_declares_nothing()
    {
        var sps = Convert.FromHexString("67f4000b919682c4ec0840000003004000000c83c50aa8");
        // aspect_ratio_idc is bits 70-77 of the NAL (ffmpeg's trace): every cut before byte 10 declares nothing.
        for (int length = 0; length < 10; length++)
            Assert.Null(AvcSampleAspect.FromSequenceParameterSet(sps.AsSpan(0, length)));
    }

    [Fact]
    public void Ratios_are_kept_in_lowest_terms_and_zero_means_square()
    {
        Assert.Equal("4:3", new PixelAspect(16, 12).ToString());
        Assert.Equal("1:1", new PixelAspect(0, 7).ToString());
    }
}
