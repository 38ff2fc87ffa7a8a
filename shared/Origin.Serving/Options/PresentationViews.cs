using Origin.Media.Index;
using Origin.Media.Presentation;
using Origin.Serving.Assets;
using Origin.Serving.Caching;

namespace Origin.Serving.Options;

/// <summary>
/// The presentation a request's options make of the one built from the sources: the same tracks, indexes and
/// segments, fewer of them or otherwise seen, under a version that names the options, so its outputs get their own
/// ETags. Views are cheap to make and kept by presentation version and canonical options, bounded by bytes.
/// </summary>
public sealed class PresentationViews(long capacityBytes)
{
    readonly BoundedCache<Presentation> _views = new(capacityBytes, view => 1024 + view.Tracks.Count * 64L);

    public Presentation For(Presentation presentation, RequestOptions options)
    {
        if (options.IsEmpty) return presentation;
        string key = presentation.Version + "|" + options.Canonical;
        if (_views.TryGet(key, out var view)) return view;
        var tracks = Select(presentation.Tracks, options);
        if (options.Clip is { } clip) tracks = Cut(tracks, clip);
        view = presentation.View(tracks, new Fingerprint().Add(presentation.Version).Add(options.Canonical).ToHex(),
            hlsTransportStream: options.HlsFmp4 == false);
        _views.Add(key, view);
        return view;
    }

    static List<PresentationTrack> Cut(List<PresentationTrack> tracks, ClipRange clip)
    {
        try
        {
            return PresentationClipper.Cut(tracks, clip);
        }
        catch (ClipException e)
        {
            throw new OriginProblem(404, e.Message);
        }
    }

    /// <summary>Bit-rate bounds pick among video tracks, a filter among all; a view without the video its asset has
    /// (or without any track) plays nothing.</summary>
    static List<PresentationTrack> Select(IReadOnlyList<PresentationTrack> tracks, RequestOptions options)
    {
        long min = options.MinBitrate ?? 0, max = options.MaxBitrate ?? long.MaxValue;
        var kept = new List<PresentationTrack>(tracks.Count);
        bool hasVideo = false, keepsVideo = false;
        foreach (var track in tracks)
        {
            if (track.Kind == TrackKind.Video) hasVideo = true;
            if (track.Kind == TrackKind.Video && (track.Bitrate < min || track.Bitrate > max)) continue;
            if (options.Filter is { } filter && !filter.Matches(track)) continue;
            keepsVideo |= track.Kind == TrackKind.Video;
            kept.Add(track);
        }
        if (kept.Count == 0) throw new OriginProblem(404, "the options leave no track");
        if (hasVideo && !keepsVideo)
            throw new OriginProblem(404, options.Filter is null
                ? $"no video track lies within {RequestOptionsReader.MinBitrate} and {RequestOptionsReader.MaxBitrate}"
                : "the options leave no video track");
        return kept;
    }
}
