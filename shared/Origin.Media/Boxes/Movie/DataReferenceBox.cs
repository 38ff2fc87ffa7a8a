using System.Text;
using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>dref: where a track's samples live. One self-contained <c>url </c> entry means "this file".</summary>
public sealed class DataReferenceBox : EntryListBox
{
    public override uint Type => BoxTypes.Dref;

    public static DataReferenceBox SelfContained() => new() { Entries = { new DataEntryUrlBox { Flags = DataEntryUrlBox.SelfContainedFlag } } };

    internal static DataReferenceBox Read(ref BoxReader r, int depth)
    {
        var box = new DataReferenceBox();
        box.ReadEntries(ref r, depth);
        return box;
    }
}

/// <summary><c>url </c>: flag 1 means the data is in the same file; otherwise a UTF-8 location, NUL-terminated.</summary>
public sealed class DataEntryUrlBox : FullBox
{
    public const uint SelfContainedFlag = 1;

    public override uint Type => BoxTypes.Url;
    public byte[] Location { get; set; } = [];
    public bool IsSelfContained => (Flags & SelfContainedFlag) != 0;
    public string LocationText => Encoding.UTF8.GetString(Location).TrimEnd('\0');

    protected override long FieldsSize => Location.Length;

    public static DataEntryUrlBox ForLocation(string location) => new() { Location = [.. Encoding.UTF8.GetBytes(location), 0] };

    public static DataEntryUrlBox Read(ref BoxReader r)
    {
        var box = new DataEntryUrlBox();
        box.ReadVersionAndFlags(ref r);
        box.Location = r.ReadRest();
        return box;
    }

    protected override void WriteFields(ref BoxWriter w) => w.WriteBytes(Location);
}
