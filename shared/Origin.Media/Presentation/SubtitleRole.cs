namespace Origin.Media.Presentation;

/// <summary>
/// What a server manifest says a text track is for, from its <c>role</c> param (DASH's role words: <c>subtitle</c>,
/// <c>caption</c>, <c>forced-subtitle</c>) and its <c>default</c> param (<c>true</c>): captions transcribe sound
/// for viewers who cannot hear it, forced subtitles translate what the picture shows in another language and are
/// shown to everyone.
/// </summary>
public readonly record struct SubtitleRole(bool Captions, bool Forced, bool Default)
{
    public static SubtitleRole Of(PresentationTrack track)
    {
        string? role = null, isDefault = null;
        foreach (var (name, value) in track.Params)
        {
            if (name.Equals("role", StringComparison.OrdinalIgnoreCase)) role = value.Trim().ToLowerInvariant();
            if (name.Equals("default", StringComparison.OrdinalIgnoreCase)) isDefault = value.Trim().ToLowerInvariant();
        }
        bool forced = role is "forced-subtitle" or "forced";
        return new SubtitleRole(role is "caption" or "captions", forced, forced || isDefault == "true");
    }

    /// <summary>DASH's Role value for the track (urn:mpeg:dash:role:2011).</summary>
    public string DashRole => Captions ? "caption" : Forced ? "forced-subtitle" : "subtitle";
}
