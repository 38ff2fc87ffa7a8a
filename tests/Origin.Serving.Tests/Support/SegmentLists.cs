using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Origin.Serving.Tests.Support;

/// <summary>
/// A track's init segment and media segment URLs, read from the manifests the origin serves, the way a player would:
/// relative references resolved against the manifest's URL by RFC 3986 (so the manifest's own query is not kept).
/// Audio and video tracks only (subtitles have tests of their own), trick-play tracks (HLS I-frame playlists, DASH
/// trick-mode sets) marked <see cref="KeyframesOnly"/>.
/// </summary>
public sealed record TrackSegmentUrls(string Track, string Init, IReadOnlyList<string> Segments, bool IsVideo, bool KeyframesOnly = false);

public static partial class SegmentLists
{
    /// <summary>From the HLS master: every media playlist, with its EXT-X-MAP (if any) and segment URIs (absolute).</summary>
    public static async Task<List<TrackSegmentUrls>> FromHlsAsync(HttpClient client, string masterUrl)
    {
        var master = await client.GetStringAsync(masterUrl);
        var playlists = new List<(string Uri, bool Video, bool Keyframes)>();
        var lines = master.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("#EXT-X-STREAM-INF", StringComparison.Ordinal)) playlists.Add((lines[i + 1].Trim(), true, false));
            if (lines[i].StartsWith("#EXT-X-I-FRAME-STREAM-INF", StringComparison.Ordinal))
                playlists.Add((UriAttribute().Match(lines[i]).Groups[1].Value, true, true));
            // Audio and video only: subtitles are checked by their own tests.
            if (lines[i].StartsWith("#EXT-X-MEDIA", StringComparison.Ordinal) && !lines[i].Contains("TYPE=SUBTITLES", StringComparison.Ordinal)
                && UriAttribute().Match(lines[i]) is { Success: true } m)
                playlists.Add((m.Groups[1].Value, false, false));
        }
        var result = new List<TrackSegmentUrls>();
        foreach (var (uri, video, keyframes) in playlists.DistinctBy(p => p.Uri))
        {
            var playlistUrl = Resolve(masterUrl, uri);
            var playlist = await client.GetStringAsync(playlistUrl);
            // MPEG-TS playlists have no EXT-X-MAP: their Init is "".
            var map = playlist.Split('\n').FirstOrDefault(l => l.StartsWith("#EXT-X-MAP", StringComparison.Ordinal));
            var segments = playlist.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => Resolve(playlistUrl, l.Trim())).ToList();
            result.Add(new TrackSegmentUrls(uri, map is null ? "" : Resolve(playlistUrl, UriAttribute().Match(map).Groups[1].Value), segments, video, keyframes));
        }
        return result;
    }

    /// <summary>From the MPD: each Representation's SegmentTemplate expanded over its SegmentTimeline.</summary>
    public static async Task<List<TrackSegmentUrls>> FromDashAsync(HttpClient client, string mpdUrl)
    {
        XNamespace ns = "urn:mpeg:dash:schema:mpd:2011";
        var mpd = XDocument.Parse(await client.GetStringAsync(mpdUrl));
        var result = new List<TrackSegmentUrls>();
        foreach (var set in mpd.Descendants(ns + "AdaptationSet"))
        {
            if (set.Attribute("contentType")?.Value == "text") continue;
            bool keyframes = set.Elements(ns + "EssentialProperty").Any(e => e.Attribute("schemeIdUri")?.Value == "http://dashif.org/guidelines/trickmode");
            foreach (var representation in set.Elements(ns + "Representation"))
            {
                var template = representation.Element(ns + "SegmentTemplate") ?? set.Element(ns + "SegmentTemplate")!;
                var id = representation.Attribute("id")!.Value;
                string Expand(string pattern, long time) => Resolve(mpdUrl, TemplateToken().Replace(pattern, m => m.Value switch
                {
                    "$$" => "$",
                    "$RepresentationID$" => id,
                    "$Time$" => time.ToString(CultureInfo.InvariantCulture),
                    _ => throw new InvalidDataException($"unexpected template token {m.Value}"),
                }));
                var urls = new List<string>();
                long t = 0;
                foreach (var s in template.Descendants(ns + "S"))
                {
                    if (s.Attribute("t") is { } start) t = long.Parse(start.Value, CultureInfo.InvariantCulture);
                    long d = long.Parse(s.Attribute("d")!.Value, CultureInfo.InvariantCulture);
                    int r = s.Attribute("r") is { } repeat ? int.Parse(repeat.Value, CultureInfo.InvariantCulture) : 0;
                    for (int i = 0; i <= r; i++, t += d) urls.Add(Expand(template.Attribute("media")!.Value, t));
                }
                result.Add(new TrackSegmentUrls(id, Expand(template.Attribute("initialization")!.Value, 0), urls,
                    set.Attribute("contentType")!.Value == "video", keyframes));
            }
        }
        return result;
    }

    /// <summary>
    /// From the Smooth manifest: fragment URLs per QualityLevel. Smooth has no init segment (players build it from
    /// CodecPrivateData): the HLS one of the same track stands in, with the manifest's query.
    /// </summary>
    public static async Task<List<TrackSegmentUrls>> FromSmoothAsync(HttpClient client, string manifestUrl, string assetName)
    {
        var manifest = XDocument.Parse(await client.GetStringAsync(manifestUrl));
        var query = new Uri(manifestUrl).Query;
        var result = new List<TrackSegmentUrls>();
        foreach (var stream in manifest.Root!.Elements("StreamIndex"))
        {
            if (stream.Attribute("Type")?.Value == "text") continue;
            var name = stream.Attribute("Name")!.Value;
            var times = new List<long>();
            long t = 0;
            foreach (var c in stream.Elements("c"))
            {
                if (c.Attribute("t") is { } start) t = long.Parse(start.Value, CultureInfo.InvariantCulture);
                times.Add(t);
                t += long.Parse(c.Attribute("d")!.Value, CultureInfo.InvariantCulture);
            }
            foreach (var level in stream.Elements("QualityLevel"))
            {
                var bitrate = level.Attribute("Bitrate")!.Value;
                var url = stream.Attribute("Url")!.Value.Replace("{bitrate}", bitrate);
                result.Add(new TrackSegmentUrls($"{name}={bitrate}", Resolve(manifestUrl, $"{assetName}-{name}={bitrate}.m4s{query}"),
                    times.Select(time => Resolve(manifestUrl, url.Replace("{start time}", time.ToString(CultureInfo.InvariantCulture)))).ToList(),
                    stream.Attribute("Type")!.Value == "video"));
            }
        }
        return result;
    }

    static string Resolve(string baseUrl, string reference) => new Uri(new Uri(baseUrl), reference).AbsoluteUri;

    [GeneratedRegex("URI=\"([^\"]+)\"")]
    private static partial Regex UriAttribute();

    [GeneratedRegex(@"\$[A-Za-z]*\$")]
    private static partial Regex TemplateToken();
}
