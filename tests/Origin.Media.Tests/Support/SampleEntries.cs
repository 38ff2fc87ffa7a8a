using Origin.Testing;
using Origin.Media.Boxes;

namespace Origin.Media.Tests.Support;

/// <summary>Sample entries taken from the bundled sample media, so codec configurations are real ones.</summary>
public static class SampleEntries
{
    static readonly Lazy<ContainerBox> ProgressiveMoov = new(() =>
    {
        var bytes = File.ReadAllBytes(RepositoryFiles.Sample("progressive.mp4"));
        foreach (var box in BoxParser.ReadAll(SkipMdat(bytes)))
            if (box is ContainerBox { Type: BoxTypes.Moov } moov) return moov;
        throw new InvalidOperationException("no moov");
    });

    public static VisualSampleEntry Video() => (VisualSampleEntry)Entry(0);
    public static AudioSampleEntry Audio() => (AudioSampleEntry)Entry(1);

    public static VisualSampleEntry Hevc()
    {
        // hvcC for Main profile, level 3.1, no parameter set arrays.
        byte[] hvcc = [1, 0x01, 0x60, 0, 0, 0, 0x90, 0, 0, 0, 0, 0, 0x5d, 0xf0, 0, 0xfc, 0xfd, 0xf8, 0xf8, 0, 0, 0x0f, 0];
        var entry = new VisualSampleEntry(BoxTypes.Hvc1) { Width = 1920, Height = 1080 };
        entry.Children.Add(new HevcConfigurationBox(hvcc));
        return entry;
    }

    static SampleEntry Entry(int track)
    {
        var trak = ProgressiveMoov.Value.Children.AllContainers(BoxTypes.Trak).ElementAt(track);
        var stsd = trak.Path(BoxTypes.Mdia, BoxTypes.Minf, BoxTypes.Stbl)!.Children.Find<SampleDescriptionBox>()!;
        // Copy through bytes so tests cannot alter the shared instance.
        return (SampleEntry)BoxParser.ReadOne(stsd.Entries[0].ToArray());
    }

    /// <summary>The file with mdat's payload cut out (its header kept, its size fixed) so moov parses cheaply.</summary>
    public static byte[] SkipMdat(byte[] file)
    {
        var output = new List<byte>();
        long offset = 0;
        while (offset < file.Length)
        {
            BoxHeader.TryRead(file.AsSpan((int)offset), offset, file.Length - offset, out var h);
            if (h.Type == BoxTypes.Mdat) output.AddRange(new RawBox(BoxTypes.Free, []).ToArray());
            else output.AddRange(file.AsSpan((int)offset, (int)h.Size).ToArray());
            offset += h.Size;
        }
        return [.. output];
    }
}
