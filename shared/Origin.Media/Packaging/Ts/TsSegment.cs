using System.IO.Pipelines;
using Origin.Media.Bytes;
using Origin.Media.Index;
using Origin.Media.Packaging.Samples;
using Origin.Media.Presentation;

namespace Origin.Media.Packaging.Ts;

/// <summary>
/// One HLS segment as an MPEG-TS (ISO/IEC 13818-1): PAT and PMT first, then one PES per video access unit (Annex B,
/// <see cref="AnnexBAccessUnit"/>) and one per run of up to four audio frames (AAC in ADTS, AC-3 and E-AC-3 as their
/// syncframes), interleaved by decode time, the PCR on the first packet of each of the PCR stream's PES. Timestamps
/// are the index's, at 90 kHz, shifted by <see cref="TimestampOffset"/> (and video's DTS by its composition shift, or
/// by the segment's largest negative composition offset where the source has those instead, so PTS is never before
/// DTS), so consecutive segments continue each other's clock. Each PID's packets in a segment are made a multiple of
/// 16 (the last PES of the PID spread over a few more packets), so every segment starts each continuity counter at 0
/// and ends it at 15: segments made by different instances, in any order, join without a continuity error.
/// <para>
/// The layout is planned from the sample table alone: every PES's length follows from its samples' sizes (with
/// 4-byte NAL lengths, which Annex B keeps), so <see cref="ContentLength"/> is known before a sample byte is read and
/// the segment is muxed as the samples stream in, one PES at a time. Sources with shorter NAL lengths grow by an
/// amount only their bytes tell: those segments are muxed whole first, in pooled memory, as are segments whose
/// slices are SAMPLE-AES encrypted (<see cref="TsSampleEncryption"/>), which grow by their emulation prevention.
/// </para>
/// </summary>
public sealed class TsSegment : ISegmentBody
{
    public const ushort VideoPid = 0x100, AudioPid = 0x101;
    /// <summary>One second at 90 kHz: room below the first timestamp for composition and priming shifts.</summary>
    public const long TimestampOffset = 90_000;
    const int AudioFramesPerPes = 4;
    /// <summary>How far the PCR runs ahead of a frame's decode time.</summary>
    const long PcrLead = 3_600;
    /// <summary>Output is handed to the destination in blocks of this size.</summary>
    const int SendBlock = SegmentBodyExtensions.BlockSize;

    /// <summary>A PES to come: its samples, its timestamps, its length once known, the packets it is cut into.</summary>
    sealed record Unit(Elementary Stream, int First, int Count, long Pts, long? Dts, bool RandomAccess)
    {
        public int Length { get; set; } = -1;
        public int Packets { get; set; }
        /// <summary>Where its bytes are in the stream's buffer, for segments muxed whole first.</summary>
        public int Offset { get; set; }
    }

    /// <summary>One elementary stream of the segment: its samples' reader, how its samples are framed, its PES.</summary>
    sealed class Elementary(ushort pid, byte streamType, SegmentSampleReader reader) : IAsyncDisposable
    {
        public ushort Pid { get; } = pid;
        public byte StreamType { get; } = streamType;
        public SegmentSampleReader Reader { get; } = reader;
        public AnnexBAccessUnit? Video { get; init; }
        public AdtsHeader? Adts { get; init; }
        /// <summary>Encrypts the audio frames (SAMPLE-AES); video's slices are encrypted by <see cref="Video"/>.</summary>
        public TsSampleEncryption? AudioEncryption { get; init; }
        public byte[]? AudioSetup { get; init; }
        public List<Unit> Units { get; } = [];
        public bool CarriesPcr { get; set; }
        public PooledBufferWriter? Built { get; set; }

        public async ValueTask DisposeAsync()
        {
            Built?.Dispose();
            await Reader.DisposeAsync();
        }
    }

    readonly List<Elementary> _streams;
    readonly List<Unit> _order;
    readonly int _segment;
    readonly TsSampleEncryption? _encryption;

    TsSegment(List<Elementary> streams, int segment, TsSampleEncryption? encryption)
    {
        _streams = streams;
        _segment = segment;
        _encryption = encryption;
        (streams.Find(s => s.Pid == VideoPid) ?? streams[0]).CarriesPcr = true;
        _order = [.. streams.SelectMany(s => s.Units).OrderBy(u => u.Dts ?? u.Pts).ThenBy(u => u.Stream.Pid)];
    }

    /// <summary>The segment's exact length, known before its first byte.</summary>
    public long ContentLength { get; private set; }

    /// <summary>Storage round trips and bytes reading the samples will still take (none once muxed whole).</summary>
    public int PendingReads => _streams.Sum(s => s.Built is null ? s.Reader.PendingReads : 0);
    public long PendingBytes => _streams.Sum(s => s.Built is null ? s.Reader.PendingBytes : 0);

    /// <summary>
    /// Plans segment <paramref name="segment"/> (0-based) of <paramref name="tracks"/> (a video track and the audio
    /// muxed with it, or one audio track), each read from its source, the index naming the version (no metadata
    /// round trip); the sample reads are opened here, their bytes read as the segment is written. With
    /// <paramref name="encryption"/> (which the segment then owns) samples are SAMPLE-AES encrypted.
    /// </summary>
    public static async Task<TsSegment> PrepareAsync(IReadOnlyList<PresentationTrack> tracks, int segment, CancellationToken cancellationToken,
        TsSampleEncryption? encryption = null)
    {
        var streams = new List<Elementary>();
        try
        {
            foreach (var track in tracks)
            {
                var reader = await SegmentSampleReader.OpenAsync(track.SourceStorage.Attach(track.SourcePath, track.SourceInfo), track, segment, cancellationToken);
                streams.Add(track.Kind == TrackKind.Video ? PlanVideo(track.Index, reader, encryption) : PlanAudio(track.Index, reader, encryption));
            }
            var ts = new TsSegment(streams, segment, encryption);
            if (streams.Exists(s => s.Units.Exists(u => u.Length < 0))) await ts.BuildAsync(cancellationToken);
            ts.PlanPackets();
            return ts;
        }
        catch
        {
            foreach (var stream in streams) await stream.DisposeAsync();
            encryption?.Dispose();
            throw;
        }
    }

    static Elementary PlanVideo(TrackIndex track, SegmentSampleReader reader, TsSampleEncryption? encryption)
    {
        var framing = new AnnexBAccessUnit(track, encryption);
        var stream = new Elementary(VideoPid, framing.StreamType, reader) { Video = framing };
        var samples = reader.Samples;
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
            bool sync = SampleFlags.IsSync(s.Flags);
            long pts = To90kHz(decode + s.CompositionOffset, track.Timescale);
            long dts = Math.Min(pts, To90kHz(decode - track.CompositionShift, track.Timescale) - reorder);
            var unit = new Unit(stream, i, 1, pts, dts, sync);
            if (framing.OutputLength((int)s.Size, sync) is { } length) unit.Length = PesHeader.Size(dts != pts) + length;
            stream.Units.Add(unit);
            decode += s.Duration;
        }
        return stream;
    }

    static Elementary PlanAudio(TrackIndex track, SegmentSampleReader reader, TsSampleEncryption? encryption)
    {
        // AAC frames get ADTS headers; AC-3 and E-AC-3 samples are syncframes already, carried as they are.
        var (adts, streamType) = track.Codec.Codecs switch
        {
            ['m', 'p', '4', 'a', ..] => (new AdtsHeader(Convert.FromHexString(track.Codec.CodecPrivateData)), encryption is null ? ProgramTables.AdtsAac : ProgramTables.SampleAesAac),
            "ac-3" when encryption is null => ((AdtsHeader?)null, ProgramTables.Ac3),
            "ec-3" when encryption is null => (null, ProgramTables.EAc3),
            var other => throw new MediaFormatException($"{other} audio cannot be carried in MPEG-TS{(encryption is null ? "" : " with SAMPLE-AES")} here"),
        };
        var stream = new Elementary(AudioPid, streamType, reader)
        {
            Adts = adts,
            AudioEncryption = encryption,
            AudioSetup = encryption is null ? null : Convert.FromHexString(track.Codec.CodecPrivateData),
        };
        var samples = reader.Samples.Samples;
        long decode = reader.Samples.DecodeTime;
        for (int first = 0; first < samples.Length; first += AudioFramesPerPes)
        {
            int count = Math.Min(AudioFramesPerPes, samples.Length - first);
            long pts = To90kHz(decode + samples[first].CompositionOffset, track.Timescale);
            int length = PesHeader.Size(false);
            for (int i = first; i < first + count; i++)
            {
                length += (adts is null ? 0 : AdtsHeader.Size) + (int)samples[i].Size;
                decode += samples[i].Duration;
            }
            stream.Units.Add(new Unit(stream, first, count, pts, null, RandomAccess: true) { Length = length });
        }
        return stream;
    }

    /// <summary>A time in track units at 90 kHz, plus the offset; exact for times from a second before zero on.</summary>
    static long To90kHz(long time, uint timescale) =>
        (long)((Int128)(time + timescale) * 90_000 / timescale) - 90_000 + TimestampOffset;

    /// <summary>A unit's PES: its header, then its samples read in turn and framed.</summary>
    static async Task WritePesAsync(Unit unit, PooledBufferWriter output, CancellationToken ct)
    {
        var stream = unit.Stream;
        var samples = stream.Reader.Samples.Samples;
        int start = output.WrittenCount;
        int header = PesHeader.Size(unit.Dts is { } d && d != unit.Pts);
        output.GetSpan(header);
        output.Advance(header); // filled in once the payload's length is known
        for (int i = unit.First; i < unit.First + unit.Count; i++)
        {
            var bytes = await stream.Reader.ReadSampleAsync((int)samples[i].Size, ct);
            if (stream.Video is { } video)
            {
                video.Write(i, bytes.Span, unit.RandomAccess, output);
                continue;
            }
            if (stream.Adts is { } adts)
            {
                adts.Write(output.GetSpan(AdtsHeader.Size), bytes.Length);
                output.Advance(AdtsHeader.Size);
            }
            var frame = output.GetSpan(bytes.Length)[..bytes.Length];
            bytes.Span.CopyTo(frame);
            stream.AudioEncryption?.EncryptAudioFrame(frame);
            output.Advance(bytes.Length);
        }
        int payload = output.WrittenCount - start - header;
        PesHeader.Write(output.Written(start, header), stream.Video is null ? PesHeader.AudioStreamId : PesHeader.VideoStreamId, unit.Pts, unit.Dts, payload);
        if (unit.Length >= 0 && output.WrittenCount - start != unit.Length)
            throw new MediaFormatException($"a PES of {output.WrittenCount - start} bytes where the sample table gave {unit.Length}");
    }

    /// <summary>For lengths only the bytes tell: every PES built now, into its stream's pooled buffer.</summary>
    async Task BuildAsync(CancellationToken ct)
    {
        foreach (var stream in _streams)
        {
            stream.Built = new PooledBufferWriter(256 * 1024);
            foreach (var unit in stream.Units)
            {
                unit.Offset = stream.Built.WrittenCount;
                await WritePesAsync(unit, stream.Built, ct);
                unit.Length = stream.Built.WrittenCount - unit.Offset;
            }
        }
    }

    /// <summary>
    /// Each unit's packet count: as few as it needs, each stream's last unit spread over enough more that the stream's
    /// packets are a multiple of 16 (when it has the bytes to give each packet one); the segment's length from them.
    /// </summary>
    void PlanPackets()
    {
        long packets = 2; // PAT and PMT
        foreach (var stream in _streams)
        {
            int total = 0;
            foreach (var unit in stream.Units)
            {
                unit.Packets = TsPacketWriter.PacketsFor(unit.Length, TsPacketWriter.FirstAdaptationSize(stream.CarriesPcr, unit.RandomAccess));
                total += unit.Packets;
            }
            int extra = (16 - total % 16) % 16;
            if (stream.Units.Count > 0 && stream.Units[^1] is { } last && last.Packets + extra <= last.Length)
            {
                last.Packets += extra;
                total += extra;
            }
            packets += total;
        }
        ContentLength = packets * TsPacketWriter.PacketSize;
    }

    /// <summary>Writes the segment: the tables, then each PES as its samples arrive, packets written straight
    /// into the pipe's memory and flushed every <see cref="SendBlock"/> bytes.</summary>
    public async Task WriteToAsync(PipeWriter destination, CancellationToken cancellationToken)
    {
        using var pes = new PooledBufferWriter(64 * 1024);
        // Every unit is written as exactly the packets its plan counted, so the length announced is the length sent.
        long written = 0, flushed = 0;
        int tables = _segment & 0x0f;
        int pat = tables, pmt = tables;
        TsPacketWriter.Write(destination, ProgramTables.PatPid, ref pat, Filled(ProgramTables.Pat()), 1);
        var pcrStream = _streams.Find(s => s.CarriesPcr)!;
        TsPacketWriter.Write(destination, ProgramTables.PmtPid, ref pmt,
            Filled(ProgramTables.Pmt(pcrStream.Pid, [.. _streams.Select(s => new TsElementaryStream(s.Pid, s.StreamType, s.AudioSetup))])), 1);
        var continuity = _streams.ToDictionary(s => s.Pid, _ => 0);
        written += 2 * TsPacketWriter.PacketSize;
        foreach (var unit in _order)
        {
            ReadOnlyMemory<byte> bytes;
            if (unit.Stream.Built is { } built) bytes = built.WrittenMemory.Slice(unit.Offset, unit.Length);
            else
            {
                pes.Reset();
                await WritePesAsync(unit, pes, cancellationToken);
                bytes = pes.WrittenMemory;
            }
            int cc = continuity[unit.Stream.Pid];
            long? pcr = unit.Stream.CarriesPcr ? Math.Max(0, (unit.Dts ?? unit.Pts) - PcrLead) * 300 : null;
            TsPacketWriter.Write(destination, unit.Stream.Pid, ref cc, bytes.Span, unit.Packets, pcr, unit.RandomAccess);
            continuity[unit.Stream.Pid] = cc;
            written += (long)unit.Packets * TsPacketWriter.PacketSize;
            if (written - flushed < SendBlock) continue;
            if ((await destination.FlushAsync(cancellationToken)).IsCompleted) throw new OperationCanceledException("the response was closed");
            flushed = written;
        }
        await destination.FlushAsync(cancellationToken);
    }

    /// <summary>A PSI section padded with 0xFF to fill its packet's payload, as the standard pads sections.</summary>
    static byte[] Filled(byte[] section)
    {
        var unit = new byte[TsPacketWriter.PacketSize - 4];
        unit.AsSpan().Fill(0xff);
        section.CopyTo(unit, 0);
        return unit;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var stream in _streams) await stream.DisposeAsync();
        _encryption?.Dispose();
    }
}
