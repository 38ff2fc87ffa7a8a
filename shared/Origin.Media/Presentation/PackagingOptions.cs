namespace Origin.Media.Presentation;

/// <summary>
/// The operator's settings that change how presentations are cut (read from configuration by the serving layer):
/// they change output bytes, so they are part of every presentation version and hence every ETag.
/// </summary>
public sealed record PackagingOptions
{
    /// <summary>Target segment duration for progressive sources (fragmented sources keep their fragments).</summary>
    public double TargetSegmentSeconds { get; init; } = 4;
}
