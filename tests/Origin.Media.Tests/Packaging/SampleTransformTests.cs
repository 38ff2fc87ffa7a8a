using System.Buffers;
using Origin.Media.Boxes;
using Origin.Media.Index;
using Origin.Media.Packaging;
using Origin.Media.Packaging.Fmp4;
using Origin.Media.Packaging.Samples;
using Origin.Media.Presentation;
using Origin.Testing;

namespace Origin.Media.Tests.Packaging;

/// <summary>
/// The segment pipeline with transforms between the sample reader and the fMP4 muxer: every sample reaches a
/// transform whole and in order, the moof announces the transformed sizes, and the Content-Length known before the
/// first byte is the length written. Checked against the same segment served with no transform, for a fragmented
/// and a progressive source (interleaved audio between the video chunks).
/// </summary>
public class SampleTransformTests
{
    /// <summary>Same length: every byte flipped, as a stream cipher would change it.</summary>
    sealed class Flip : ISampleTransform
    {
        public int? OutputLength(int index, int inputLength) => inputLength;
        public void Apply(int index, ReadOnlySpan<byte> input, IBufferWriter<byte> output)
        {
            var span = output.GetSpan(input.Length);
            for (int i = 0; i < input.Length; i++) span[i] = (byte)~input[i];
            output.Advance(input.Length);
        }
    }

    /// <summary>Longer: a 3-byte header naming the sample's index before its bytes, as an ADTS header would stand.</summary>
    sealed class Prefix : ISampleTransform
    {
        public int? OutputLength(int index, int inputLength) => inputLength + 3;
        public void Apply(int index, ReadOnlySpan<byte> input, IBufferWriter<byte> output)
        {
            output.Write<byte>([0xAB, (byte)(index >> 8), (byte)index]);
            output.Write(input);
        }
    }

    /// <summary>
    /// Sizes only the bytes tell: 4-byte NAL lengths rewritten as 2-byte ones (each sample shrinks by 2 per NAL unit),
    /// as an encoder with lengthSizeMinusOne = 1 would have written them.
    /// </summary>
    sealed class ShortLengths : ISampleTransform
    {
        public int? OutputLength(int index, int inputLength) => null;
        public void Apply(int index, ReadOnlySpan<byte> input, IBufferWriter<byte> output)
        {
            while (!input.IsEmpty)
            {
                int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(input);
                output.Write<byte>([(byte)(length >> 8), (byte)length]);
                output.Write(input.Slice(4, length));
                input = input[(4 + length)..];
            }
        }
    }

    /// <summary>Announces one length and writes another: the segment must fail, not send a short body.</summary>
    sealed class Liar : ISampleTransform
    {
        public int? OutputLength(int index, int inputLength) => inputLength;
        public void Apply(int index, ReadOnlySpan<byte> input, IBufferWriter<byte> output) => output.Write(input[1..]);
    }

    public static TheoryData<string, int> Segments() => new()
    {
        { "demo-video-150k.ismv", 0 }, { "demo-video-150k.ismv", 3 }, { "demo-audio-64k.isma", 0 },
        { "progressive.mp4", 0 }, { "progressive.mp4", 1 },
    };

    [Theory]
    [MemberData(nameof(Segments))]
    public async Task A_same_length_transform_sees_every_sample_and_keeps_the_moof(string file, int segment)
    {
        foreach (var track in await TracksAsync(file))
        {
            var (clear, clearSamples) = await SegmentAsync(file, track, segment, []);
            var (flipped, flippedSamples) = await SegmentAsync(file, track, segment, [new Flip()]);
            Assert.Equal(clearSamples, flippedSamples);
            var (clearMdat, flippedMdat) = (Mdat(clear), Mdat(flipped));
            Assert.Equal(clear.Length - clearMdat.Length, flipped.Length - flippedMdat.Length);
            Assert.Equal(clearMdat, flippedMdat.Select(b => (byte)~b).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(Segments))]
    public async Task A_longer_transform_gets_whole_samples_in_order_and_the_moof_says_their_new_sizes(string file, int segment)
    {
        foreach (var track in await TracksAsync(file))
        {
            var (clear, clearSamples) = await SegmentAsync(file, track, segment, []);
            // Two transforms in turn: the second sees the first's output.
            var (framed, framedSamples) = await SegmentAsync(file, track, segment, [new Prefix(), new Flip()]);
            Assert.Equal(clearSamples.Select(s => s with { Size = s.Size + 3 }), framedSamples);
            var clearMdat = Mdat(clear);
            var framedMdat = Mdat(framed).Select(b => (byte)~b).ToArray();
            int inClear = 0, inFramed = 0;
            for (int i = 0; i < clearSamples.Length; i++)
            {
                Assert.Equal([0xAB, (byte)(i >> 8), (byte)i], framedMdat[inFramed..(inFramed + 3)]);
                int size = (int)clearSamples[i].Size;
                Assert.Equal(clearMdat[inClear..(inClear + size)], framedMdat[(inFramed + 3)..(inFramed + 3 + size)]);
                (inClear, inFramed) = (inClear + size, inFramed + 3 + size);
            }
            Assert.Equal(framedMdat.Length, inFramed);
        }
    }

    [Theory]
    [InlineData("progressive.mp4", 0, true)]
    [InlineData("progressive.mp4", 2, false)]
    [InlineData("demo-video-300k.ismv", 1, false)]
    public async Task Sizes_the_bytes_decide_build_the_segment_once_and_the_moof_says_what_was_built(string file, int segment, bool opensWithSei)
    {
        var video = (await TracksAsync(file)).Single(t => t.Kind == TrackKind.Video);
        var (clear, clearSamples) = await SegmentAsync(file, video, segment, []);
        var (shortened, shortenedSamples) = await SegmentAsync(file, video, segment, [new ShortLengths()]);
        var nalCounts = NalCounts(Mdat(clear), clearSamples);
        Assert.Equal(clearSamples.Select((s, i) => s with { Size = s.Size - 2 * (uint)nalCounts[i] }), shortenedSamples);
        Assert.Equal(opensWithSei, nalCounts[0] > 1); // x264's SEI before the first picture: sizes differ by more than a constant

        // Annex B from 2-byte lengths (built in memory) is Annex B from the 4-byte ones (streamed), byte for byte.
        var (viaShort, _) = await SegmentAsync(file, video, segment, [new ShortLengths(), new AnnexBConversion(2)]);
        var (direct, directSamples) = await SegmentAsync(file, video, segment, [new AnnexBConversion(4)]);
        Assert.Equal(clearSamples, directSamples);
        Assert.Equal(Mdat(direct), Mdat(viaShort));
    }

    [Fact]
    public async Task Annex_b_output_decodes_as_an_h264_elementary_stream()
    {
        const string file = "progressive.mp4";
        var video = (await TracksAsync(file)).Single(t => t.Kind == TrackKind.Video);
        var (segment, samples) = await SegmentAsync(file, video, 0, [new AnnexBConversion(video.Index.Codec.NalLengthSize)]);
        var avcC = (AvcConfigurationBox)video.Index.SampleEntry.Children.Single(b => b.Type == BoxTypes.AvcC);
        var stream = new MemoryStream();
        foreach (var set in avcC.SequenceParameterSets.Concat(avcC.PictureParameterSets)) stream.Write([0, 0, 0, 1, .. set]);
        stream.Write(Mdat(segment));
        var path = Path.Combine(Directory.CreateTempSubdirectory("annexb").FullName, "segment.h264");
        await File.WriteAllBytesAsync(path, stream.ToArray());
        var probe = await ExternalTool.RunAsync("ffprobe", ["-v", "error", "-f", "h264", "-count_frames", "-select_streams", "v:0",
            "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", path], TimeSpan.FromSeconds(60));
        Assert.Equal(0, probe.ExitCode);
        Assert.Equal(samples.Length.ToString(), probe.Output.Trim());
    }

    [Fact]
    public async Task A_transform_that_writes_other_than_it_announced_fails_the_segment()
    {
        var video = (await TracksAsync("progressive.mp4")).Single(t => t.Kind == TrackKind.Video);
        await Assert.ThrowsAsync<InvalidOperationException>(() => SegmentAsync("progressive.mp4", video, 0, [new Liar()]));
    }

    static int[] NalCounts(byte[] mdat, TrackRunSample[] samples)
    {
        var counts = new int[samples.Length];
        int at = 0;
        for (int i = 0; i < samples.Length; i++)
        {
            int end = at + (int)samples[i].Size;
            while (at < end)
            {
                at += 4 + System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(mdat.AsSpan(at));
                counts[i]++;
            }
        }
        return counts;
    }

    static async Task<IReadOnlyList<PresentationTrack>> TracksAsync(string file) =>
        (await FilePackaging.OpenAsync(new Origin.Storage.File.FileStorage(RepositoryFiles.Samples), await RepositoryFiles.OpenSampleAsync(file))).Tracks;

    /// <summary>The segment's bytes (its length checked against the Content-Length announced first) and its trun.</summary>
    static async Task<(byte[] Bytes, TrackRunSample[] Samples)> SegmentAsync(string file, PresentationTrack track, int segment, ISampleTransform[] transforms)
    {
        var bytes = await FilePackaging.SegmentAsync(track, segment, new SegmentStyle(true, false), transforms);
        var moof = BoxParser.ReadAll(bytes).OfType<ContainerBox>().Single(b => b.Type == BoxTypes.Moof);
        var trun = moof.Children.AllContainers(BoxTypes.Traf).Single().Children.Find<TrackRunBox>()!;
        return (bytes, trun.Samples);
    }

    static byte[] Mdat(byte[] segment)
    {
        var mdat = BoxParser.ReadAll(segment).Single(b => b.Type == BoxTypes.Mdat);
        var bytes = mdat.ToArray();
        return bytes[8..];
    }
}
