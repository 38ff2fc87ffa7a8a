using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>stsd: the sample entries (codec configurations) of a track.</summary>
public sealed class SampleDescriptionBox : EntryListBox
{
    public override uint Type => BoxTypes.Stsd;

    internal static SampleDescriptionBox Read(ref BoxReader r, int depth)
    {
        var box = new SampleDescriptionBox();
        box.ReadEntries(ref r, depth);
        return box;
    }
}
