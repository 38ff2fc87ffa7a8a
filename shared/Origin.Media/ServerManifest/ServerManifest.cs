namespace Origin.Media.ServerManifest;

/// <summary>A server manifest (.ism): SMIL 2.0 head metas and a switch of tracks, each a file plus parameters.</summary>
public sealed record ServerManifest
{
    public IReadOnlyDictionary<string, string> Metas { get; init; } = new Dictionary<string, string>();
    /// <summary>
    /// <c>&lt;paramGroup id="…"&gt;</c> elements of the head, each a set of metas: how Unified writes per-system DRM
    /// settings (<c>widevine</c>, <c>iss</c>, <c>hls</c>…), read by id, case-insensitively.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> ParamGroups { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();
    public required IReadOnlyList<ServerManifestTrack> Tracks { get; init; }

    /// <summary>Playout switches such as <c>hls_playout</c>: a format is on unless a meta says "false".</summary>
    public bool IsPlayoutEnabled(string meta) =>
        !Metas.TryGetValue(meta, out var value) || !value.Equals("false", StringComparison.OrdinalIgnoreCase);
}

public enum ServerManifestTrackKind { Video, Audio, TextStream }

/// <summary>One <c>&lt;video|audio|textstream&gt;</c> element: its source, bit rate and params.</summary>
public sealed record ServerManifestTrack
{
    public required ServerManifestTrackKind Kind { get; init; }
    public required string Source { get; init; }
    public long SystemBitrate { get; init; }
    /// <summary>Which track of the source; null means the first track of the element's kind.</summary>
    public uint? TrackId { get; init; }
    public string? TrackName { get; init; }
    public string? SystemLanguage { get; init; }
    /// <summary>All params as written, including the three above, so a manifest round-trips.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Params { get; init; } = [];
}
