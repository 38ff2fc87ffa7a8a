using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Origin.Media.Boxes;
using Origin.Media.Bytes;

namespace Origin.Media.Index.Serialization;

/// <summary>
/// The durable index format: <c>OIDX</c>, a format version, the payload length and a SHA-256 of the payload, then
/// the tracks (sample entry as box bytes, fragment or sample table as arrays). A reader that finds anything
/// unexpected — another magic or version, a bad checksum, counts that do not fit — returns null, so a corrupt or
/// foreign cache entry is rebuilt from the source, never served.
/// </summary>
public static class IndexSerializer
{
    public const ushort FormatVersion = 3;
    static ReadOnlySpan<byte> Magic => "OIDX"u8;
    const int HeaderSize = 4 + 2 + 2 + 4 + 32;

    public static byte[] Serialize(MediaIndex index)
    {
        var payload = new IndexPayloadWriter();
        payload.String(index.Path);
        payload.String(index.Validator);
        payload.Int32(index.Tracks.Count);
        foreach (var track in index.Tracks) WriteTrack(payload, track);
        var body = payload.ToArray();

        var bytes = new byte[HeaderSize + body.Length];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(4), FormatVersion);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), body.Length);
        SHA256.HashData(body, bytes.AsSpan(12, 32));
        body.CopyTo(bytes, HeaderSize);
        return bytes;
    }

    /// <summary>The index, or null when the bytes are not a valid entry of this format version.</summary>
    public static MediaIndex? Deserialize(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderSize || !bytes[..4].SequenceEqual(Magic)) return null;
        if (BinaryPrimitives.ReadUInt16BigEndian(bytes[4..]) != FormatVersion) return null;
        int length = BinaryPrimitives.ReadInt32BigEndian(bytes[8..]);
        if (length < 0 || length != bytes.Length - HeaderSize) return null;
        var body = bytes[HeaderSize..];
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(body, hash);
        if (!hash.SequenceEqual(bytes.Slice(12, 32))) return null;
        try
        {
            var r = new BoxReader(body);
            var path = ReadString(ref r);
            var validator = ReadString(ref r);
            int count = r.CheckCount((uint)r.ReadInt32(), 16);
            var tracks = new List<TrackIndex>(count);
            for (int i = 0; i < count; i++) tracks.Add(ReadTrack(ref r));
            return r.Remaining == 0 ? new MediaIndex { Path = path, Validator = validator, Tracks = tracks } : null;
        }
        catch (MediaFormatException)
        {
            return null;
        }
    }

    static void WriteTrack(IndexPayloadWriter w, TrackIndex t)
    {
        w.UInt32(t.TrackId);
        w.Byte((byte)t.Kind);
        w.UInt32(t.Timescale);
        w.String(t.Language);
        w.Int64(t.CompositionShift);
        w.Int64(t.Duration);
        w.Int64(t.MediaBytes);
        w.Int64(BitConverter.DoubleToInt64Bits(t.FrameRate));
        w.Bytes(t.SampleEntry.ToArray());
        w.Bytes(t.FragmentDefaults?.ToArray() ?? []);
        w.String(t.Data?.Path ?? "");
        if (t.Data is { } data)
        {
            w.Int64(data.Info.Length);
            w.String(data.Info.Validator);
            w.UInt32(data.TrackId);
        }
        if (t.Fragments is { } f)
        {
            w.Byte(1);
            w.Int32(f.Count);
            w.Int64s(f.Times); w.Int64s(f.Durations); w.Int64s(f.Offsets); w.Int64s(f.Lengths);
        }
        else if (t.Subtitles is { } subtitles)
        {
            w.Byte(3);
            SubtitleTrackPayload.Write(w, subtitles);
        }
        else
        {
            var s = t.Samples!;
            w.Byte(2);
            w.Int32(s.Count);
            w.Int64s(s.Offsets); w.Int32s(s.Sizes); w.Int64s(s.DecodeTimes); w.Int32s(s.Durations);
            w.Byte(s.CompositionOffsets is null ? (byte)0 : (byte)1);
            if (s.CompositionOffsets is { } cto) w.Int32s(cto);
            w.Byte(s.AllSync ? (byte)0 : (byte)1);
            if (!s.AllSync)
                for (int i = 0; i < s.Count; i++) w.Byte(s.IsSync(i) ? (byte)1 : (byte)0);
        }
    }

    static TrackIndex ReadTrack(ref BoxReader r)
    {
        uint trackId = r.ReadUInt32();
        var kind = (TrackKind)r.ReadByte();
        if (!Enum.IsDefined(kind)) throw r.Error("unknown track kind");
        uint timescale = r.ReadUInt32();
        if (timescale == 0) throw r.Error("zero timescale");
        var language = ReadString(ref r);
        long shift = r.ReadInt64(), duration = r.ReadInt64(), mediaBytes = r.ReadInt64();
        double frameRate = BitConverter.Int64BitsToDouble(r.ReadInt64());
        var entry = BoxParser.ReadOne(ReadBytes(ref r)) as SampleEntry ?? throw r.Error("not a sample entry");
        var trexBytes = ReadBytes(ref r);
        var trex = trexBytes.Length == 0 ? null : BoxParser.ReadOne(trexBytes) as TrackExtendsBox ?? throw r.Error("not a trex");
        var dataPath = ReadString(ref r);
        DataReference? data = dataPath.Length == 0 ? null : new DataReference(dataPath, new Storage.StorageObjectInfo(r.ReadInt64(), ReadString(ref r)), r.ReadUInt32());
        FragmentTable? fragments = null;
        SampleTable? samples = null;
        Text.SubtitleTrack? subtitles = null;
        switch (r.ReadByte())
        {
            case 3:
                subtitles = SubtitleTrackPayload.Read(ref r);
                break;
            case 1:
                int n = r.CheckCount((uint)r.ReadInt32(), 32);
                fragments = new FragmentTable(Int64s(ref r, n), Int64s(ref r, n), Int64s(ref r, n), Int64s(ref r, n));
                break;
            case 2:
                int m = r.CheckCount((uint)r.ReadInt32(), 24);
                var offsets = Int64s(ref r, m);
                var sizes = Int32s(ref r, m);
                var times = Int64s(ref r, m);
                var durations = Int32s(ref r, m);
                var cto = r.ReadByte() == 1 ? Int32s(ref r, m) : null;
                bool[]? sync = null;
                if (r.ReadByte() == 1)
                {
                    sync = new bool[r.CheckCount((uint)m, 1)];
                    for (int i = 0; i < m; i++) sync[i] = r.ReadByte() == 1;
                }
                samples = new SampleTable(offsets, sizes, times, durations, cto, sync);
                break;
            default:
                throw r.Error("unknown table kind");
        }
        return new TrackIndex
        {
            TrackId = trackId, Kind = kind, Timescale = timescale, Language = language, SampleEntry = entry,
            Codec = CodecDescription.From(entry), Duration = duration, CompositionShift = shift, FrameRate = frameRate,
            FragmentDefaults = trex, Fragments = fragments, Samples = samples, Subtitles = subtitles, MediaBytes = mediaBytes, Data = data,
        };
    }

    internal static string ReadString(ref BoxReader r) => Encoding.UTF8.GetString(ReadBytes(ref r));

    static ReadOnlySpan<byte> ReadBytes(ref BoxReader r) => r.ReadBytes(r.CheckCount((uint)r.ReadInt32(), 1));

    static long[] Int64s(ref BoxReader r, int count)
    {
        var values = new long[r.CheckCount((uint)count, 8)];
        for (int i = 0; i < values.Length; i++) values[i] = r.ReadInt64();
        return values;
    }

    static int[] Int32s(ref BoxReader r, int count)
    {
        var values = new int[r.CheckCount((uint)count, 4)];
        for (int i = 0; i < values.Length; i++) values[i] = r.ReadInt32();
        return values;
    }
}
