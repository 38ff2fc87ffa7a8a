using Origin.Media.Boxes;
using Origin.Media.Bytes;
using Origin.Media.Tests.Support;
using Origin.Testing;

namespace Origin.Media.Tests.Boxes;

/// <summary>Lying sizes and counts fail with one exception type naming the box, before anything is allocated for them.</summary>
public class MalformedBoxTests
{
    [Fact]
    public void A_box_claiming_more_bytes_than_exist_is_an_error()
    {
        byte[] bytes = [0xff, 0xff, 0xff, 0xf0, (byte)'m', (byte)'o', (byte)'o', (byte)'v', 0, 0, 0, 0];
        var e = Assert.Throws<MediaFormatException>(() => BoxParser.ReadOne(bytes));
        Assert.Equal(BoxTypes.Moov, e.BoxType);
        Assert.Contains("claims 4294967280 bytes", e.Message);
    }

    [Fact]
    public void A_64_bit_size_of_exabytes_is_an_error()
    {
        byte[] bytes = [0, 0, 0, 1, (byte)'m', (byte)'d', (byte)'a', (byte)'t', 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
        Assert.Throws<MediaFormatException>(() => BoxParser.ReadOne(bytes));
    }

    [Theory]
    [InlineData("stsz")]
    [InlineData("stts")]
    [InlineData("stco")]
    [InlineData("trun")]
    [InlineData("tfra")]
    public void A_table_claiming_four_billion_entries_is_an_error(string type)
    {
        // version/flags, then a count of 0xffffffff (stsz: constant size 0 first) and no entries.
        var content = type == "stsz" ? new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff }
            : type == "tfra" ? new byte[] { 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff }
            : type == "trun" ? new byte[] { 0, 0, 0x02, 0x00, 0xff, 0xff, 0xff, 0xff }
            : new byte[] { 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff };
        var box = new RawBox(FourCC.From(type), content).ToArray();
        var e = Assert.Throws<MediaFormatException>(() => BoxParser.ReadOne(box));
        Assert.Contains("do not fit", e.Message);
    }

    [Fact]
    public void A_run_of_default_only_samples_is_capped()
    {
        var box = new RawBox(BoxTypes.Trun, [0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff]).ToArray();
        Assert.Throws<MediaFormatException>(() => BoxParser.ReadOne(box));
    }

    [Fact]
    public void Deep_nesting_is_an_error_not_a_stack_overflow()
    {
        Box inner = new RawBox(BoxTypes.Free, []);
        for (int i = 0; i < 200; i++) inner = new ContainerBox(BoxTypes.Trak, [inner]);
        var e = Assert.Throws<MediaFormatException>(() => BoxParser.ReadOne(inner.ToArray()));
        Assert.Contains("nested too deeply", e.Message);
    }

    [Fact]
    public void A_truncated_field_names_box_and_offset()
    {
        var tkhd = new TrackHeaderBox { TrackId = 1 }.ToArray();
        var cut = tkhd[..20];
        cut[3] = 20; // announce exactly what is there, so the field read runs short
        var e = Assert.Throws<MediaFormatException>(() => BoxParser.ReadOne(cut));
        Assert.Equal(BoxTypes.Tkhd, e.BoxType);
        Assert.Matches("tkhd: needs \\d+ bytes, \\d+ left at offset \\d+", e.Message);
    }

    [Fact]
    public void Every_truncation_of_a_real_moov_fails_cleanly()
    {
        var file = SampleEntries.SkipMdat(File.ReadAllBytes(RepositoryFiles.Sample("demo-video-150k.ismv")));
        var moovAt = 24;
        BoxHeader.TryRead(file.AsSpan(moovAt), moovAt, file.Length, out var moov);
        for (int length = 8; length < moov.Size; length += 7)
        {
            var cut = file.AsSpan(moovAt, length).ToArray();
            try { BoxParser.ReadOne(cut); }
            catch (MediaFormatException) { }
        }
    }
}
