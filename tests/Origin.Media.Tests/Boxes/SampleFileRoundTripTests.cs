using Origin.Media.Boxes;
using Origin.Media.Tests.Support;
using Origin.Testing;

namespace Origin.Media.Tests.Boxes;

/// <summary>Every metadata box of the real sample files (moov, every moof, mfra) parses and writes back byte for byte.</summary>
public class SampleFileRoundTripTests
{
    [Theory]
    [InlineData("demo-video-150k.ismv")]
    [InlineData("demo-audio-64k.isma")]
    [InlineData("progressive.mp4")]
    public void Metadata_boxes_write_back_identically(string file)
    {
        var bytes = File.ReadAllBytes(RepositoryFiles.Sample(file));
        long offset = 0;
        var seen = new HashSet<uint>();
        while (offset < bytes.Length)
        {
            Assert.True(BoxHeader.TryRead(bytes.AsSpan((int)offset), offset, bytes.Length - offset, out var header));
            if (header.Type != BoxTypes.Mdat)
            {
                var original = bytes.AsSpan((int)offset, (int)header.Size);
                var box = BoxParser.ReadOne(original, offset);
                Assert.True(original.SequenceEqual(box.ToArray()), $"{box} at {offset} changed on write");
                seen.Add(header.Type);
            }
            offset += header.Size;
        }
        Assert.Contains(BoxTypes.Moov, seen);
    }
}
