using System.Globalization;
using System.Text;

namespace Origin.Media.Index;

/// <summary>
/// The location an index MP4's <c>url </c> data reference holds: a relative URL to the media file (percent-encoded
/// path segments), with <c>#trackID=N</c> when the track's id in the media differs from its id in the index.
/// </summary>
public static class DataLocation
{
    const string TrackFragment = "#trackID=";

    public static string Format(string relativePath, uint indexTrackId, uint mediaTrackId)
    {
        var url = new StringBuilder();
        foreach (var segment in relativePath.Split('/'))
        {
            if (url.Length > 0) url.Append('/');
            url.Append(segment is ".." ? segment : Uri.EscapeDataString(segment));
        }
        if (indexTrackId != mediaTrackId) url.Append(TrackFragment).Append(mediaTrackId.ToString(CultureInfo.InvariantCulture));
        return url.ToString();
    }

    /// <summary>The relative path (decoded) and the track's id in the media file.</summary>
    public static (string Path, uint TrackId) Parse(string location, uint indexTrackId)
    {
        uint trackId = indexTrackId;
        int hash = location.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            if (location.AsSpan(hash).StartsWith(TrackFragment, StringComparison.Ordinal)
                && uint.TryParse(location.AsSpan(hash + TrackFragment.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0)
                trackId = id;
            location = location[..hash];
        }
        return (Uri.UnescapeDataString(location), trackId);
    }
}
