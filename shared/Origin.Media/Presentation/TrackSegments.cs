using Origin.Media.Index;

namespace Origin.Media.Presentation;

/// <summary>
/// A track's output segments: decode time and duration each, and what feeds them: a source fragment (fragmented
/// sources) or a run of samples (progressive sources). A clip's segments are a part of the source's, their times
/// counted from the clip's start: <see cref="TimeShift"/> is what was taken off.
/// </summary>
public sealed class TrackSegments
{
    readonly long[] _times;
    readonly long[] _durations;
    readonly long[] _bytes;
    /// <summary>Progressive only: the first sample of each segment, plus one past the last sample at the end.</summary>
    readonly int[]? _sampleStarts;
    /// <summary>Fragmented only: the source fragment of segment 0.</summary>
    readonly int _firstFragment;

    TrackSegments(long[] times, long[] durations, long[] bytes, int[]? sampleStarts, int firstFragment = 0, long timeShift = 0, long? end = null)
    {
        End = end;
        _times = times;
        _durations = durations;
        _bytes = bytes;
        _sampleStarts = sampleStarts;
        _firstFragment = firstFragment;
        TimeShift = timeShift;
    }

    /// <summary>What output times lack of the source's (a clip's start in this track's timescale); 0 for the whole.</summary>
    public long TimeShift { get; }

    /// <summary>Where a clip of a fragmented source ends, in output time: samples from there on are left out of
    /// the fragments (the last one's) that reach past it; null for the whole.</summary>
    public long? End { get; }

    /// <summary>The source fragment segment <paramref name="segment"/> of a fragmented source's track is.</summary>
    public int SourceFragment(int segment) => _firstFragment + segment;

    /// <summary>
    /// What tells this segment's samples from every other segment's of the track in any view: its number for the
    /// source's own segments, its start in the source for a clip's (whose numbers name other samples).
    /// </summary>
    public string Identity(int segment) => TimeShift == 0 && _firstFragment == 0
        ? segment.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : "t" + (_times[segment] + TimeShift).ToString(System.Globalization.CultureInfo.InvariantCulture);

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

    /// <summary>The mean bit rate over all segments.</summary>
    public long AverageBitrate(uint timescale)
    {
        long bytes = 0;
        foreach (var b in _bytes) bytes += b;
        return TotalDuration == 0 ? 0 : (long)Math.Ceiling(bytes * 8.0 * timescale / TotalDuration);
    }

    /// <summary>These segments, each <paramref name="bytesOf"/> its number long (a trick-play track's, which
    /// serves a segment's sync sample only).</summary>
    public TrackSegments WithBytes(Func<int, long> bytesOf)
    {
        var bytes = new long[Count];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = bytesOf(i);
        return new TrackSegments(_times, _durations, bytes, _sampleStarts, _firstFragment, TimeShift, End);
    }

    /// <summary>Segments of a track whose bytes are made, not read (subtitles): times and durations only.</summary>
    public static TrackSegments FromTimeline(long[] times, long[] durations, long timeShift = 0) =>
        new(times, durations, new long[times.Length], null, 0, timeShift);

    /// <summary>Segments <paramref name="first"/>.. of a fragmented track's, <paramref name="count"/> of them, their
    /// times less <paramref name="timeShift"/>, ending at <paramref name="end"/> (output time) when given.</summary>
    public TrackSegments Part(int first, int count, long timeShift, long? end = null)
    {
        if (_sampleStarts is not null) throw new InvalidOperationException("a progressive track's clip is cut from its samples");
        var times = _times.AsSpan(first, count).ToArray();
        var durations = _durations.AsSpan(first, count).ToArray();
        var bytes = _bytes.AsSpan(first, count).ToArray();
        for (int i = 0; i < times.Length; i++)
        {
            times[i] -= timeShift - TimeShift;
            if (end is not { } e || e - times[i] >= durations[i]) continue;
            // A cut fragment's bytes shrink with it, as far as is known before its moof is read: its bit rate stays.
            long kept = Math.Max(0, e - times[i]);
            bytes[i] = durations[i] == 0 ? 0 : (long)((double)bytes[i] * kept / durations[i]);
            durations[i] = kept;
        }
        return new TrackSegments(times, durations, bytes, null, _firstFragment + first, timeShift, end);
    }

    public static TrackSegments FromFragments(FragmentTable fragments) =>
        new(fragments.Times.ToArray(), fragments.Durations.ToArray(), fragments.Lengths.ToArray(), null);

    /// <summary>Segments from sample-number boundaries (each the first sample of a segment) up to sample
    /// <paramref name="end"/> (all of them when null), times less <paramref name="timeShift"/>.</summary>
    public static TrackSegments FromSampleBoundaries(SampleTable samples, List<int> starts, int? end = null, long timeShift = 0)
    {
        int n = starts.Count, last = end ?? samples.Count;
        var times = new long[n];
        var durations = new long[n];
        var bytes = new long[n];
        var sampleStarts = new int[n + 1];
        for (int s = 0; s < n; s++)
        {
            int first = starts[s], stop = s + 1 < n ? starts[s + 1] : last;
            sampleStarts[s] = first;
            times[s] = samples.DecodeTimes[first] - timeShift;
            for (int i = first; i < stop; i++)
            {
                durations[s] += samples.Durations[i];
                bytes[s] += samples.Sizes[i];
            }
        }
        sampleStarts[n] = last;
        return new TrackSegments(times, durations, bytes, sampleStarts, 0, timeShift);
    }
}
