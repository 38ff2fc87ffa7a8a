using Origin.Media.Boxes;

namespace Origin.Media.Tests.Support;

/// <summary>The decode-encode-compare check every box goes through.</summary>
public static class BoxAssert
{
    /// <summary>Writes the box, parses the bytes, writes again: both encodings must match and the type must survive.</summary>
    public static T RoundTrips<T>(T box) where T : Box
    {
        var bytes = box.ToArray();
        Assert.Equal(box.Size, bytes.Length);
        var parsed = BoxParser.ReadOne(bytes);
        Assert.IsType(box.GetType(), parsed);
        Assert.Equal(bytes, parsed.ToArray());
        return (T)parsed;
    }
}
