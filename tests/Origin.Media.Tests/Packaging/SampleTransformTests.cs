using Origin.Media.Boxes;
using Origin.Media.Index;
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
        public int OutputLength(int index, int inputLength) => inputLength;
        public void Apply(int index, ReadOnlySpan<byte> input, Span<byte> output)
        {
            for (int i = 0; i < input.Length; i++) output[i] = (byte)~input[i];
        }
    }

    /// <summary>Longer: a 3-byte header naming the sample's index before its bytes, as an ADTS header would stand.</summary>
    sealed class Prefix : ISampleTransform
    {
        public int OutputLength(int index, int inputLength) => inputLength + 3;
        public void Apply(int index, ReadOnlySpan<byte> input, Span<byte> output)
        {
            output[0] = 0xAB;
            output[1] = (byte)(index >> 8);
            output[2] = (byte)index;
            input.CopyTo(output[3..]);
        }
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

    static async Task<IReadOnlyList<PresentationTrack>> TracksAsync(string file)
    {
        var source = await RepositoryFiles.OpenSampleAsync(file);
        var index = await MediaIndexReader.ReadAsync(source, default);
        var storage = new Origin.Storage.File.FileStorage(RepositoryFiles.Samples);
        var selected = index.Tracks.Select(t => new PresentationBuilder.Selected(t, storage, file, source.Info, null)).ToList();
        return PresentationBuilder.Build("x", null, selected, new PackagingOptions(), "v").Tracks;
    }

    /// <summary>The segment's bytes (its length checked against the Content-Length announced first) and its trun.</summary>
    static async Task<(byte[] Bytes, TrackRunSample[] Samples)> SegmentAsync(string file, PresentationTrack track, int segment, ISampleTransform[] transforms)
    {
        var source = await RepositoryFiles.OpenSampleAsync(file);
        await using var prepared = await Fmp4Segment.PrepareAsync(source, track, segment, new SegmentStyle(true, false), transforms, default);
        var output = new MemoryStream();
        await prepared.WriteToAsync(output, default);
        Assert.Equal(prepared.ContentLength, output.Length);
        var moof = BoxParser.ReadAll(output.ToArray()).OfType<ContainerBox>().Single(b => b.Type == BoxTypes.Moof);
        var trun = moof.Children.AllContainers(BoxTypes.Traf).Single().Children.Find<TrackRunBox>()!;
        return (output.ToArray(), trun.Samples);
    }

    static byte[] Mdat(byte[] segment)
    {
        var mdat = BoxParser.ReadAll(segment).Single(b => b.Type == BoxTypes.Mdat);
        var bytes = mdat.ToArray();
        return bytes[8..];
    }
}
