using Origin.Media.Boxes;
using Origin.Media.Bytes;
using Origin.Media.Index;

namespace Origin.Media.Packaging.Samples;

/// <summary>
/// Extracts one track's samples from a source moof, resolving tfhd/trex defaults and data offsets, with byte ranges
/// relative to the moof's first byte (the start of the range read from storage).
/// </summary>
public static class FragmentSamples
{
    public static SegmentSamples Collect(ContainerBox moof, long moofOffset, long fragmentLength, TrackIndex track, long indexTime)
    {
        long previousTrafEnd = 0;
        uint trackId = track.Data?.TrackId ?? track.TrackId;
        foreach (var traf in moof.Children.AllContainers(BoxTypes.Traf))
        {
            var tfhd = traf.Children.Required<TrackFragmentHeaderBox>(BoxTypes.Traf);
            long baseOffset = TrafDataOffsets.Base(tfhd, 0, previousTrafEnd, frame: moofOffset);
            // Other tracks' trex defaults are not indexed; theirs only matter for locating a later traf's data
            // when it gives no offsets, which muxers avoid.
            var defaults = SampleDefaults.For(tfhd, track.FragmentDefaults);
            var samples = new List<TrackRunSample>();
            var ranges = new List<ByteRange>();
            long position = baseOffset;
            foreach (var trun in traf.Children.All<TrackRunBox>())
            {
                position = TrafDataOffsets.RunStart(trun, baseOffset, position);
                for (int i = 0; i < trun.Samples.Length; i++)
                {
                    var s = trun.Samples[i];
                    uint size = defaults.Size(trun, s);
                    samples.Add(new TrackRunSample(defaults.Duration(trun, s), size, defaults.Flags(trun, s, i),
                        (int)(SampleDefaults.CompositionOffset(trun, s) - track.CompositionShift)));
                    if (position < 0 || position + size > fragmentLength)
                        throw new MediaFormatException("sample data lies outside its fragment", BoxTypes.Trun, moofOffset);
                    // Zero-size samples cost nothing to claim; no real fragment has more samples than bytes.
                    if (samples.Count > fragmentLength)
                        throw new MediaFormatException("more samples than the fragment has bytes", BoxTypes.Trun, moofOffset);
                    SegmentSamples.AddRange(ranges, position, size);
                    position += size;
                }
            }
            previousTrafEnd = position;
            if (tfhd.TrackId != trackId) continue;
            long decodeTime = traf.Children.Find<TrackFragmentDecodeTimeBox>() is { } tfdt ? (long)tfdt.BaseMediaDecodeTime
                : traf.Children.Find<SmoothFragmentTimeBox>() is { } tfxd ? (long)tfxd.AbsoluteTime
                : indexTime;
            return decodeTime < 0 ? DropPreroll(samples, ranges, decodeTime) : new SegmentSamples { DecodeTime = decodeTime, Samples = [.. samples], Ranges = ranges };
        }
        throw new MediaFormatException($"fragment has no samples of track {trackId}", BoxTypes.Moof, moofOffset);
    }

    /// <summary>
    /// Smooth muxers put AAC priming before zero (a negative tfxd time). tfdt cannot go below zero, so the samples
    /// that lie before it are left out; the index already starts the fragment at zero.
    /// </summary>
    static SegmentSamples DropPreroll(List<TrackRunSample> samples, List<ByteRange> ranges, long decodeTime)
    {
        int drop = 0;
        long skipBytes = 0;
        while (drop < samples.Count - 1 && decodeTime < 0)
        {
            decodeTime += samples[drop].Duration;
            skipBytes += samples[drop].Size;
            drop++;
        }
        var kept = new List<ByteRange>();
        foreach (var range in ranges)
        {
            long skip = Math.Min(skipBytes, range.Length);
            skipBytes -= skip;
            if (range.Length > skip) kept.Add(new ByteRange(range.Offset + skip, range.Length - skip));
        }
        return new SegmentSamples { DecodeTime = Math.Max(decodeTime, 0), Samples = [.. samples.Skip(drop)], Ranges = kept };
    }
}
