using Origin.Media.Boxes;

namespace Origin.Media.Packaging.Samples;

/// <summary>
/// A transform that also says, in the track fragment, what it did to each sample: CENC's senc, saiz and saio. The
/// fMP4 muxer adds the boxes after the trun and points saio at the senc entries.
/// </summary>
public interface IFragmentAnnotator
{
    /// <summary>
    /// Whether <see cref="TrafBoxes"/> can be asked before any sample went through the transform (per-sample IVs
    /// only); when false (subsample maps found in the bytes) the segment is built in memory first.
    /// </summary>
    bool KnownBeforeBytes { get; }

    /// <summary>The boxes describing the segment's <paramref name="sampleCount"/> samples.</summary>
    IReadOnlyList<Box> TrafBoxes(int sampleCount);
}
