using Origin.Media.Index;

namespace Origin.Media.Presentation;

/// <summary>
/// A track's output segments: decode time and duration each, and what feeds them: the source fragment of the same
/// number (fragmented sources) or a run of samples (progressive sources).
/// </summary>
public sealed class TrackSegments
{
    readonly long[] _times;
    readonly long[] _durations;
    readonly long[] _bytes;
    /// <summary>Progressive only: the first sample of each segment, plus one past the last sample at the end.</summary>
    readonly int[]? _sampleStarts;

    TrackSegments(long[] times, long[] durations, long[] bytes, int[]? sampleStarts)
    {
        _times = times;
        _durations = durations;
        _bytes = bytes;
        _sampleStarts = sampleStarts;
    }

    public int Count => _times.Length;
    public ReadOnlySpan<long> Times => _times;
    public ReadOnlySpan<long> Durations => _durations;
    public long TotalDuration => Count == 0 ? 0 : _times[^1] + _durations[^1] - _times[0];

    public (int First, int Count) SampleRange(int segment) =>
        _sampleStarts is null ? throw new InvalidOperationException("segments of a fragmented source have no sample range")
        : (_sampleStarts[segment], _sampleStarts[segment + 1] - _sampleStarts[segment]);

    /// <summary>The segment that starts at <paramref name="time"/>, or -1: segment URLs name exact start times.</summary>
    public int IndexOfTime(long time)
    {
        int i = Array.BinarySearch(_times, time);
        return i >= 0 ? i : -1;
    }

    /// <summary>Whether segment <paramref name="i"/> does not start where the one before it ends (the first always
    /// does not): timelines write its start time then, and leave it implied otherwise.</summary>
    public bool StartsAfterGap(int i) => i == 0 || _times[i] != _times[i - 1] + _durations[i - 1];

    /// <summary>
    /// How many segments at the start begin less than <paramref name="seconds"/> after the first one: those a clear
    /// lead leaves unencrypted.
    /// </summary>
    public int CountStartingBefore(double seconds, uint timescale)
    {
        int n = 0;
        while (n < Count && (_times[n] - _times[0]) / (double)timescale < seconds) n++;
        return n;
    }

    /// <summary>The longest segment, in seconds (HLS target duration, DASH minBufferTime).</summary>
    public double LongestSeconds(uint timescale)
    {
        long longest = 0;
        foreach (var d in _durations) longest = Math.Max(longest, d);
        return longest / (double)timescale;
    }

    public long PeakBitrate(uint timescale)
    {
        double peak = 0;
        for (int i = 0; i < Count; i++)
            if (_durations[i] > 0) peak = Math.Max(peak, _bytes[i] * 8.0 * timescale / _durations[i]);
        return (long)Math.Ceiling(peak);
    }

    /// <summary>Segments of a track whose bytes are made, not read (subtitles): times and durations only.</summary>
    public static TrackSegments FromTimeline(long[] times, long[] durations) => new(times, durations, new long[times.Length], null);

    public static TrackSegments FromFragments(FragmentTable fragments) =>
        new(fragments.Times.ToArray(), fragments.Durations.ToArray(), fragments.Lengths.ToArray(), null);

    /// <summary>Segments from sample-number boundaries (each the first sample of a segment, the first being 0).</summary>
    public static TrackSegments FromSampleBoundaries(SampleTable samples, List<int> starts)
    {
        int n = starts.Count;
        var times = new long[n];
        var durations = new long[n];
        var bytes = new long[n];
        var sampleStarts = new int[n + 1];
        for (int s = 0; s < n; s++)
        {
            int first = starts[s], end = s + 1 < n ? starts[s + 1] : samples.Count;
            sampleStarts[s] = first;
            times[s] = samples.DecodeTimes[first];
            for (int i = first; i < end; i++)
            {
                durations[s] += samples.Durations[i];
                bytes[s] += samples.Sizes[i];
            }
        }
        sampleStarts[n] = samples.Count;
        return new TrackSegments(times, durations, bytes, sampleStarts);
    }
}
