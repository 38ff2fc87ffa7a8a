using Origin.Media.Bytes;
using Origin.Media.Index;
using Origin.Media.Packaging.Samples;
using Origin.Media.Presentation;

namespace Origin.Media.Packaging.Ts;

/// <summary>
/// Muxes one HLS segment as an MPEG-TS (ISO/IEC 13818-1): PAT and PMT first, then one PES per video access unit
/// (Annex B, <see cref="AnnexBAccessUnit"/>) and one per run of up to four audio frames (AAC in ADTS, AC-3 and
/// E-AC-3 as their syncframes), interleaved by decode
/// time, the PCR on the first packet of each of the PCR stream's PES. Timestamps are the index's, at 90 kHz, shifted
/// by <see cref="TimestampOffset"/> (and video's DTS by its composition shift, or by the largest negative composition
/// offset where the source has those instead, so PTS is never before DTS), so
/// consecutive segments continue each other's clock. Each PID's packets in a segment are made a multiple of 16 (the
/// last PES of the PID spread over a few more packets), so every segment starts each continuity counter at 0 and
/// ends it at 15: segments made by different instances, in any order, join without a continuity error.
/// </summary>
public static class TsSegment
{
    public const ushort VideoPid = 0x100, AudioPid = 0x101;
    /// <summary>One second at 90 kHz: room below the first timestamp for composition and priming shifts.</summary>
    public const long TimestampOffset = 90_000;
    const int AudioFramesPerPes = 4;
    /// <summary>How far the PCR runs ahead of a frame's decode time.</summary>
    const long PcrLead = 3_600;

    /// <summary>A track of the segment and the reader of its samples.</summary>
    public readonly record struct Input(PresentationTrack Track, SegmentSampleReader Reader);

    /// <summary>A PES waiting to be cut into packets: where its bytes are, when it decodes, what its first packet says.</summary>
    sealed record Unit(Elementary Stream, int Offset, int Length, long Dts, bool RandomAccess)
    {
        public int Packets { get; set; }
    }

    /// <summary>One elementary stream's PES bytes, built in turn.</summary>
    sealed class Elementary(ushort pid, byte streamType) : IDisposable
    {
        public ushort Pid { get; } = pid;
        public byte StreamType { get; } = streamType;
        public PooledBufferWriter Bytes { get; } = new(64 * 1024);
        public List<Unit> Units { get; } = [];
        public bool CarriesPcr { get; set; }
        public void Dispose() => Bytes.Dispose();
    }

    /// <summary>
    /// Segment <paramref name="segment"/> (0-based) of <paramref name="tracks"/> (a video track and the audio muxed with
    /// it, or one audio track), each read from its source, the index naming the version (no metadata round trip).
    /// </summary>
    public static async Task<PooledBufferWriter> MuxAsync(IReadOnlyList<PresentationTrack> tracks, int segment, CancellationToken cancellationToken)
    {
        var inputs = new List<Input>();
        try
        {
            foreach (var track in tracks)
                inputs.Add(new Input(track, await SegmentSampleReader.OpenAsync(track.SourceStorage.Attach(track.SourcePath, track.SourceInfo), track, segment, cancellationToken)));
            return await MuxAsync(inputs, segment, cancellationToken);
        }
        finally
        {
            foreach (var input in inputs) await input.Reader.DisposeAsync();
        }
    }

    public static async Task<PooledBufferWriter> MuxAsync(IReadOnlyList<Input> inputs, int segment, CancellationToken cancellationToken)
    {
        var streams = new List<Elementary>();
        try
        {
            foreach (var input in inputs)
                streams.Add(input.Track.Kind == TrackKind.Video ? await VideoAsync(input, cancellationToken) : await AudioAsync(input, cancellationToken));
            (streams.Find(s => s.Pid == VideoPid) ?? streams[0]).CarriesPcr = true;
            return Write(streams, segment);
        }
        finally
        {
            foreach (var stream in streams) stream.Dispose();
        }
    }

    static async Task<Elementary> VideoAsync(Input input, CancellationToken ct)
    {
        var track = input.Track.Index;
        var framing = new AnnexBAccessUnit(track);
        var stream = new Elementary(VideoPid, framing.StreamType);
        var samples = input.Reader.Samples;
        using var access = new PooledBufferWriter(64 * 1024);
        // Without an edit list, B-frames come with negative composition offsets: decode times then run ahead by the
        // largest of them, so every frame decodes before it is shown (with the same GOP structure throughout, as
        // encoders write it, the same amount in every segment).
        long reorder = 0;
        foreach (var s in samples.Samples) reorder = Math.Max(reorder, -(long)s.CompositionOffset - track.CompositionShift);
        reorder = reorder * 90_000 / track.Timescale + (reorder > 0 ? 1 : 0);
        long decode = samples.DecodeTime;
        for (int i = 0; i < samples.Samples.Length; i++)
        {
            var s = samples.Samples[i];
            var bytes = await input.Reader.ReadSampleAsync((int)s.Size, ct);
            access.Reset();
            bool sync = SampleFlags.IsSync(s.Flags);
            framing.Write(i, bytes.Span, sync, access);
            long pts = To90kHz(decode + s.CompositionOffset, track.Timescale);
            long dts = Math.Min(pts, To90kHz(decode - track.CompositionShift, track.Timescale) - reorder);
            Add(stream, PesHeader.VideoStreamId, pts, dts, access.WrittenSpan, sync);
            decode += s.Duration;
        }
        return stream;
    }

    static async Task<Elementary> AudioAsync(Input input, CancellationToken ct)
    {
        var track = input.Track.Index;
        // AAC frames get ADTS headers; AC-3 and E-AC-3 samples are syncframes already, carried as they are.
        var (adts, streamType) = track.Codec.Codecs switch
        {
            ['m', 'p', '4', 'a', ..] => (new AdtsHeader(Convert.FromHexString(track.Codec.CodecPrivateData)), ProgramTables.AdtsAac),
            "ac-3" => ((AdtsHeader?)null, ProgramTables.Ac3),
            "ec-3" => (null, ProgramTables.EAc3),
            var other => throw new MediaFormatException($"{other} audio cannot be carried in MPEG-TS here"),
        };
        var stream = new Elementary(AudioPid, streamType);
        var samples = input.Reader.Samples;
        using var frames = new PooledBufferWriter(16 * 1024);
        long decode = samples.DecodeTime, first = 0;
        for (int i = 0; i < samples.Samples.Length; i++)
        {
            var s = samples.Samples[i];
            if (i % AudioFramesPerPes == 0)
            {
                frames.Reset();
                first = decode + s.CompositionOffset;
            }
            var bytes = await input.Reader.ReadSampleAsync((int)s.Size, ct);
            if (adts is not null)
            {
                adts.Write(frames.GetSpan(AdtsHeader.Size), bytes.Length);
                frames.Advance(AdtsHeader.Size);
            }
            bytes.Span.CopyTo(frames.GetSpan(bytes.Length));
            frames.Advance(bytes.Length);
            decode += s.Duration;
            if (i % AudioFramesPerPes == AudioFramesPerPes - 1 || i == samples.Samples.Length - 1)
            {
                long pts = To90kHz(first, track.Timescale);
                Add(stream, PesHeader.AudioStreamId, pts, null, frames.WrittenSpan, randomAccess: true);
            }
        }
        return stream;
    }

    static void Add(Elementary stream, byte streamId, long pts, long? dts, ReadOnlySpan<byte> payload, bool randomAccess)
    {
        int offset = stream.Bytes.WrittenCount;
        var header = stream.Bytes.GetSpan(PesHeader.Size(true));
        int headerSize = PesHeader.Write(header, streamId, pts, dts, payload.Length);
        stream.Bytes.Advance(headerSize);
        payload.CopyTo(stream.Bytes.GetSpan(payload.Length));
        stream.Bytes.Advance(payload.Length);
        stream.Units.Add(new Unit(stream, offset, headerSize + payload.Length, dts ?? pts, randomAccess));
    }

    /// <summary>A time in track units at 90 kHz, plus the offset; exact for times from a second before zero on.</summary>
    static long To90kHz(long time, uint timescale) =>
        (long)((Int128)(time + timescale) * 90_000 / timescale) - 90_000 + TimestampOffset;

    static PooledBufferWriter Write(List<Elementary> streams, int segment)
    {
        var output = new PooledBufferWriter(256 * 1024);
        try
        {
            int tables = segment & 0x0f;
            int pat = tables, pmt = tables;
            TsPacketWriter.Write(output, ProgramTables.PatPid, ref pat, Filled(ProgramTables.Pat()), 1);
            var pcrStream = streams.Find(s => s.CarriesPcr)!;
            TsPacketWriter.Write(output, ProgramTables.PmtPid, ref pmt,
                Filled(ProgramTables.Pmt(pcrStream.Pid, [.. streams.Select(s => new TsElementaryStream(s.Pid, s.StreamType))])), 1);

            foreach (var stream in streams) PlanPackets(stream);
            var order = streams.SelectMany(s => s.Units).OrderBy(u => u.Dts).ThenBy(u => u.Stream.Pid).ToList();
            var continuity = streams.ToDictionary(s => s.Pid, _ => 0);
            foreach (var unit in order)
            {
                int cc = continuity[unit.Stream.Pid];
                long? pcr = unit.Stream.CarriesPcr ? Math.Max(0, unit.Dts - PcrLead) * 300 : null;
                TsPacketWriter.Write(output, unit.Stream.Pid, ref cc, unit.Stream.Bytes.WrittenSpan.Slice(unit.Offset, unit.Length), unit.Packets, pcr, unit.RandomAccess);
                continuity[unit.Stream.Pid] = cc;
            }
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Each unit's packet count: as few as it needs, the stream's last unit spread over enough more that the stream's
    /// packets are a multiple of 16 (when it has the bytes to give each packet one).
    /// </summary>
    static void PlanPackets(Elementary stream)
    {
        int total = 0;
        foreach (var unit in stream.Units)
        {
            unit.Packets = TsPacketWriter.PacketsFor(unit.Length, TsPacketWriter.FirstAdaptationSize(stream.CarriesPcr, unit.RandomAccess));
            total += unit.Packets;
        }
        int extra = (16 - total % 16) % 16;
        if (stream.Units.Count > 0 && stream.Units[^1] is { } last && last.Packets + extra <= last.Length) last.Packets += extra;
    }

    /// <summary>A PSI section padded with 0xFF to fill its packet's payload, as the standard pads sections.</summary>
    static byte[] Filled(byte[] section)
    {
        var unit = new byte[TsPacketWriter.PacketSize - 4];
        unit.AsSpan().Fill(0xff);
        section.CopyTo(unit, 0);
        return unit;
    }
}
