using Origin.Media.Index;
using Origin.Media.Packaging.Dash;
using Origin.Media.Packaging.Fmp4;
using Origin.Media.Packaging.Hls;
using Origin.Media.Packaging.Samples;
using Origin.Media.Packaging.Smooth;
using Origin.Media.Presentation;
using Origin.Storage;

namespace Origin.Media.Packaging;

/// <summary>
/// One media file (or index MP4) packaged as the origin packages a lone MP4, without the serving layer: its
/// presentation and each output, from one place, for tools and tests that would otherwise put the index reader,
/// the presentation builder, the writers and the segment pipeline together by hand.
/// </summary>
public sealed class FilePackaging
{
    FilePackaging(Presentation.Presentation presentation) => Presentation = presentation;

    public Presentation.Presentation Presentation { get; }
    public IReadOnlyList<PresentationTrack> Tracks => Presentation.Tracks;

    /// <summary>
    /// Indexes <paramref name="file"/> (following an index MP4's data references within <paramref name="storage"/>
    /// when <paramref name="followReferences"/>) and cuts its audio and video tracks into segments.
    /// </summary>
    public static async Task<FilePackaging> OpenAsync(IMediaStorage storage, IStorageObject file, string name = "media",
        PackagingOptions? options = null, bool followReferences = false, CancellationToken cancellationToken = default)
    {
        var index = await MediaIndexReader.ReadAsync(file, cancellationToken, followReferences ? storage : null);
        var selected = new List<PresentationBuilder.Selected>();
        foreach (var track in index.Tracks)
            if (track.Kind != TrackKind.Text) selected.Add(new(track, storage, file.Path, file.Info, null));
        return new FilePackaging(PresentationBuilder.Build(name, null, selected, options ?? new PackagingOptions(), file.Info.Validator));
    }

    public string HlsMaster() => HlsMasterPlaylist.Write(Presentation);
    public string HlsMedia(PresentationTrack track) => HlsMediaPlaylist.Write(Presentation, track);
    public string Dash() => DashManifest.Write(Presentation);
    public string Smooth() => SmoothManifest.Write(Presentation);
    public static byte[] Init(PresentationTrack track, Protection.TrackProtection? protection = null) => InitSegmentWriter.Write(track.Index, protection);

    /// <summary>Segment <paramref name="segment"/> (0-based) of <paramref name="track"/>, ready to stream.</summary>
    public static Task<Fmp4Segment> PrepareSegmentAsync(PresentationTrack track, int segment, SegmentStyle style,
        IReadOnlyList<ISampleTransform>? transforms = null, CancellationToken cancellationToken = default) =>
        Fmp4Segment.PrepareAsync(track.SourceStorage.Attach(track.SourcePath, track.SourceInfo), track, segment, style, transforms, cancellationToken);

    /// <summary>Segment <paramref name="segment"/> (0-based) of <paramref name="tracks"/> muxed as one MPEG-TS.</summary>
    public static async Task<byte[]> TsSegmentAsync(IReadOnlyList<PresentationTrack> tracks, int segment, CancellationToken cancellationToken = default)
    {
        await using var ts = await Ts.TsSegment.PrepareAsync(tracks, segment, cancellationToken);
        var output = new MemoryStream((int)ts.ContentLength);
        await ts.WriteToAsync(output, cancellationToken);
        return output.ToArray();
    }

    /// <summary>The same segment's bytes, checked to be as long as it announced before the first byte.</summary>
    public static async Task<byte[]> SegmentAsync(PresentationTrack track, int segment, SegmentStyle style,
        IReadOnlyList<ISampleTransform>? transforms = null, CancellationToken cancellationToken = default)
    {
        await using var prepared = await PrepareSegmentAsync(track, segment, style, transforms, cancellationToken);
        var output = new MemoryStream((int)Math.Min(prepared.ContentLength, int.MaxValue));
        await prepared.WriteToAsync(output, cancellationToken);
        if (output.Length != prepared.ContentLength)
            throw new InvalidOperationException($"segment {segment} of {track.Key} wrote {output.Length} bytes, not the {prepared.ContentLength} it announced");
        return output.ToArray();
    }
}
