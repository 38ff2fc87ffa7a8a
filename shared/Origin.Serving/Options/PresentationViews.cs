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
        view = presentation.View(Select(presentation.Tracks, options), new Fingerprint().Add(presentation.Version).Add(options.Canonical).ToHex(),
            hlsTransportStream: options.HlsFmp4 == false);
        _views.Add(key, view);
        return view;
    }

    /// <summary>Bit-rate bounds pick among video tracks; a view without the video its asset has plays nothing.</summary>
    static List<PresentationTrack> Select(IReadOnlyList<PresentationTrack> tracks, RequestOptions options)
    {
        long min = options.MinBitrate ?? 0, max = options.MaxBitrate ?? long.MaxValue;
        var kept = new List<PresentationTrack>(tracks.Count);
        bool hasVideo = false, keepsVideo = false;
        foreach (var track in tracks)
        {
            if (track.Kind == TrackKind.Video)
            {
                hasVideo = true;
                if (track.Bitrate < min || track.Bitrate > max) continue;
                keepsVideo = true;
            }
            kept.Add(track);
        }
        if (hasVideo && !keepsVideo)
            throw new OriginProblem(404, $"no video track lies within {RequestOptionsReader.MinBitrate} and {RequestOptionsReader.MaxBitrate}");
        return kept;
    }
}
