using Origin.Media.Boxes;

namespace Origin.Media.Index;

public enum TrackKind { Video, Audio, Text }

/// <summary>
/// Everything the packagers need to know about one track without touching its media again: codec configuration,
/// timescale and either the source's fragment table or its sample table.
/// </summary>
public sealed record TrackIndex
{
    public required uint TrackId { get; init; }
    public required TrackKind Kind { get; init; }
    public required uint Timescale { get; init; }
    public required string Language { get; init; }
    /// <summary>The stsd entry, copied into init segments as it is.</summary>
    public required SampleEntry SampleEntry { get; init; }
    public required CodecDescription Codec { get; init; }
    /// <summary>Duration in <see cref="Timescale"/> units.</summary>
    public required long Duration { get; init; }
    /// <summary>
    /// Media time where presentation starts (the first edit's media_time): composition offsets are reduced by it in
    /// output so that presentation starts at zero without edit lists, which players handle unevenly.
    /// </summary>
    public long CompositionShift { get; init; }

    /// <summary>Fragmented sources: the trex defaults that fragments may rely on.</summary>
    public Boxes.TrackExtendsBox? FragmentDefaults { get; init; }

    /// <summary>Set for fragmented sources: one entry per source fragment.</summary>
    public FragmentTable? Fragments { get; init; }
    /// <summary>Set for progressive sources: one entry per sample.</summary>
    public SampleTable? Samples { get; init; }
    /// <summary>Set for subtitle files (a server manifest's sidecar WebVTT, SRT or TTML): the cues, read once per version.</summary>
    public Text.SubtitleTrack? Subtitles { get; init; }

    /// <summary>Frames per second of a video track (from its typical sample duration); 0 when unknown or not video.</summary>
    public double FrameRate { get; init; }

    /// <summary>
    /// Set when the index came from an index MP4 whose data references point elsewhere: the file holding this
    /// track's samples. Fragment offsets and sample offsets are positions in that file.
    /// </summary>
    public DataReference? Data { get; init; }

    /// <summary>Bytes of media in the track, for average bit rates.</summary>
    public required long MediaBytes { get; init; }

    public long AverageBitrate => Duration > 0 ? (long)(MediaBytes * 8.0 * Timescale / Duration) : 0;

    /// <summary>The bitrate to advertise when a server manifest gives none: the codec's declared one, else the average.</summary>
    public long Bitrate => Codec.DeclaredBitrate > 0 ? Codec.DeclaredBitrate : AverageBitrate;
}

/// <summary>
/// A media file named by an index MP4's data reference: its path in the index's storage, the version indexed, and
/// the track's id inside it (an index holding several files' tracks renumbers them; the media's moofs do not).
/// </summary>
public sealed record DataReference(string Path, Storage.StorageObjectInfo Info, uint TrackId);

/// <summary>A source file's tracks, tied to the version of the file they were read from.</summary>
public sealed class MediaIndex
{
    public required string Path { get; init; }
    public required string Validator { get; init; }
    public required IReadOnlyList<TrackIndex> Tracks { get; init; }

    /// <summary>Rough bytes held, for a memory-bounded cache.</summary>
    public long EstimatedBytes
    {
        get
        {
            long bytes = 1024;
            foreach (var t in Tracks)
                bytes += 1024 + (t.Fragments?.Count ?? 0) * 32L + (t.Samples?.Count ?? 0) * 29L + (t.Subtitles?.EstimatedBytes ?? 0);
            return bytes;
        }
    }
}
