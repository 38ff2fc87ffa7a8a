using Origin.Media.Boxes;
using Origin.Media.Bytes;

namespace Origin.Media.Index;

/// <summary>Flattens a progressive track's sample tables. Counts from the file are checked before arrays are made.</summary>
internal static class SampleTableBuilder
{
    /// <summary>About 24 hours of 48 kHz AAC; a file claiming more samples than this in one track is refused.</summary>
    public const int MaxSamples = 4_100_000;

    public static SampleTable Build(ContainerBox stbl)
    {
        var children = stbl.Children;
        var (sizes, count) = ReadSizes(children);
        if (count > MaxSamples) throw new MediaFormatException($"{count} samples exceed the limit of {MaxSamples}", BoxTypes.Stsz);

        var decodeTimes = new long[count];
        var durations = new int[count];
        var stts = children.Required<TimeToSampleBox>(BoxTypes.Stbl);
        int n = 0;
        long time = 0;
        foreach (var entry in stts.Entries)
        {
            for (uint i = 0; i < entry.SampleCount && n < count; i++, n++)
            {
                decodeTimes[n] = time;
                durations[n] = (int)Math.Min(entry.SampleDelta, int.MaxValue);
                time += entry.SampleDelta;
            }
        }
        if (n < count) throw new MediaFormatException($"stts covers {n} of {count} samples", BoxTypes.Stts);

        int[]? compositionOffsets = null;
        if (children.Find<CompositionOffsetBox>() is { } ctts)
        {
            compositionOffsets = new int[count];
            n = 0;
            foreach (var entry in ctts.Entries)
                for (uint i = 0; i < entry.SampleCount && n < count; i++) compositionOffsets[n++] = entry.SampleOffset;
        }

        bool[]? sync = null;
        if (children.Find<SyncSampleBox>() is { } stss)
        {
            sync = new bool[count];
            foreach (var number in stss.SampleNumbers)
                if (number >= 1 && number <= count) sync[number - 1] = true;
        }

        return new SampleTable(ReadOffsets(children, sizes, count), sizes, decodeTimes, durations, compositionOffsets, sync);
    }

    static (int[] Sizes, int Count) ReadSizes(List<Box> children)
    {
        if (children.Find<SampleSizeBox>() is { } stsz)
        {
            if (stsz.ConstantSize == 0) return (Array.ConvertAll(stsz.Sizes, s => (int)Math.Min(s, int.MaxValue)), stsz.Sizes.Length);
            if (stsz.SampleCount > MaxSamples)
                throw new MediaFormatException($"{stsz.SampleCount} samples exceed the limit of {MaxSamples}", BoxTypes.Stsz);
            return (Enumerable.Repeat((int)Math.Min(stsz.ConstantSize, int.MaxValue), (int)stsz.SampleCount).ToArray(), (int)stsz.SampleCount);
        }
        if (children.Find<CompactSampleSizeBox>() is { } stz2)
            return (Array.ConvertAll(stz2.Sizes, s => (int)s), stz2.Sizes.Length);
        throw new MediaFormatException("missing stsz or stz2", BoxTypes.Stbl);
    }

    /// <summary>Walks stsc runs over the chunks of stco/co64, laying samples end to end inside each chunk.</summary>
    static long[] ReadOffsets(List<Box> children, int[] sizes, int count)
    {
        var stsc = children.Required<SampleToChunkBox>(BoxTypes.Stbl).Entries;
        var chunks = children.Required<ChunkOffsetBox>(BoxTypes.Stbl).Offsets;
        var offsets = new long[count];
        int sample = 0;
        for (int run = 0; run < stsc.Length && sample < count; run++)
        {
            long firstChunk = stsc[run].FirstChunk, samplesPerChunk = stsc[run].SamplesPerChunk;
            long endChunk = run + 1 < stsc.Length ? stsc[run + 1].FirstChunk : chunks.Length + 1L;
            if (firstChunk < 1 || endChunk < firstChunk) throw new MediaFormatException("stsc runs out of order", BoxTypes.Stsc);
            for (long chunk = firstChunk; chunk < endChunk && chunk <= chunks.Length && sample < count; chunk++)
            {
                long offset = (long)chunks[chunk - 1];
                for (long i = 0; i < samplesPerChunk && sample < count; i++)
                {
                    offsets[sample] = offset;
                    offset += sizes[sample];
                    sample++;
                }
            }
        }
        if (sample < count) throw new MediaFormatException($"chunks hold {sample} of {count} samples", BoxTypes.Stsc);
        return offsets;
    }
}
