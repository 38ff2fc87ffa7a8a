using System.Buffers.Binary;
using System.Security.Cryptography;
using Origin.Media.Index;
using Origin.Media.Index.Serialization;
using Origin.Testing;

namespace Origin.Media.Tests.Index;

public class IndexSerializerTests
{
    static async Task<MediaIndex> IndexOf(string sample) => await MediaIndexReader.ReadAsync(await RepositoryFiles.OpenSampleAsync(sample), default);

    [Fact]
    public async Task A_data_reference_survives_serialization()
    {
        var index = await IndexOf("demo-audio-64k.isma");
        var data = new DataReference("media/a.isma", new Storage.StorageObjectInfo(170608, "\"etag\""), 7);
        var referenced = new MediaIndex { Path = "a-index.mp4", Validator = "v", Tracks = [index.Tracks[0] with { Data = data }] };
        Assert.Equal(data, IndexSerializer.Deserialize(IndexSerializer.Serialize(referenced))!.Tracks[0].Data);
        Assert.Null(IndexSerializer.Deserialize(IndexSerializer.Serialize(index))!.Tracks[0].Data);
    }

    [Fact]
    public async Task A_subtitle_file_index_keeps_every_cue_through_serialization()
    {
        var index = await IndexOf("demo.fr.ttml");
        var track = Assert.Single(index.Tracks);
        Assert.Equal((TrackKind.Text, "fra", 5), (track.Kind, track.Language, track.Subtitles!.Cues.Count));
        var bytes = IndexSerializer.Serialize(index);
        var back = IndexSerializer.Deserialize(bytes)!.Tracks[0];
        Assert.Equal(bytes, IndexSerializer.Serialize(IndexSerializer.Deserialize(bytes)!));
        Assert.Equal(track.Subtitles.Language, back.Subtitles!.Language);
        Assert.Equal(track.Subtitles.Cues.Select(c => (c.Start, c.End, c.Placement, string.Join('|', c.Spans))),
            back.Subtitles.Cues.Select(c => (c.Start, c.End, c.Placement, string.Join('|', c.Spans))));
        Assert.Equal(track.Codec, back.Codec);
        // A flipped byte anywhere is a rejected entry, never different cues.
        bytes[^3] ^= 1;
        Assert.Null(IndexSerializer.Deserialize(bytes));
    }

    [Theory]
    [InlineData("demo-video-300k.ismv")]
    [InlineData("demo-audio-64k.isma")]
    [InlineData("progressive.mp4")]
    public async Task An_index_survives_serialization(string sample)
    {
        var index = await IndexOf(sample);
        var bytes = IndexSerializer.Serialize(index);
        var back = IndexSerializer.Deserialize(bytes);
        Assert.NotNull(back);
        Assert.Equal(bytes, IndexSerializer.Serialize(back));
        Assert.Equal(index.Path, back.Path);
        Assert.Equal(index.Validator, back.Validator);
        for (int i = 0; i < index.Tracks.Count; i++)
        {
            TrackIndex a = index.Tracks[i], b = back.Tracks[i];
            Assert.Equal(a.Codec, b.Codec);
            Assert.Equal((a.TrackId, a.Kind, a.Timescale, a.Language, a.Duration, a.CompositionShift, a.FrameRate, a.MediaBytes),
                         (b.TrackId, b.Kind, b.Timescale, b.Language, b.Duration, b.CompositionShift, b.FrameRate, b.MediaBytes));
            Assert.Equal(a.SampleEntry.ToArray(), b.SampleEntry.ToArray());
            if (a.Fragments is { } f)
            {
                Assert.Equal(f.Times.ToArray(), b.Fragments!.Times.ToArray());
                Assert.Equal(f.Lengths.ToArray(), b.Fragments.Lengths.ToArray());
            }
            else
            {
                Assert.Equal(a.Samples!.Offsets.ToArray(), b.Samples!.Offsets.ToArray());
                Assert.Equal(a.Samples.CompositionOffsets, b.Samples.CompositionOffsets);
                for (int s = 0; s < a.Samples.Count; s++) Assert.Equal(a.Samples.IsSync(s), b.Samples.IsSync(s));
            }
        }
    }

    [Fact]
    public async Task Any_flipped_byte_is_rejected()
    {
        var bytes = IndexSerializer.Serialize(await IndexOf("progressive.mp4"));
        var random = new Random(7);
        for (int i = 0; i < 200; i++)
        {
            var copy = (byte[])bytes.Clone();
            copy[random.Next(copy.Length)] ^= (byte)(1 << random.Next(8));
            Assert.Null(IndexSerializer.Deserialize(copy));
        }
    }

    [Fact]
    public async Task Truncated_foreign_and_future_entries_are_rejected()
    {
        var bytes = IndexSerializer.Serialize(await IndexOf("demo-video-150k.ismv"));
        Assert.Null(IndexSerializer.Deserialize(bytes[..^1]));
        Assert.Null(IndexSerializer.Deserialize(bytes[..10]));
        Assert.Null(IndexSerializer.Deserialize([]));
        Assert.Null(IndexSerializer.Deserialize("<html>not an index</html>"u8.ToArray()));
        var future = (byte[])bytes.Clone();
        future[5] = 99; // format version
        Assert.Null(IndexSerializer.Deserialize(future));
    }

    [Fact]
    public async Task A_checksummed_entry_claiming_billions_of_entries_is_rejected_without_allocating_them()
    {
        var bytes = IndexSerializer.Serialize(await IndexOf("demo-video-150k.ismv"));
        // Payload: path, validator (length-prefixed), then the track count: set it to int.MaxValue and re-sign.
        int at = 44;
        at += 4 + BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
        at += 4 + BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(at), int.MaxValue);
        SHA256.HashData(bytes.AsSpan(44), bytes.AsSpan(12, 32));
        long before = GC.GetAllocatedBytesForCurrentThread();
        Assert.Null(IndexSerializer.Deserialize(bytes));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }
}
