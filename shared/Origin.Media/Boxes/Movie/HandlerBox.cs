using System.Text;
using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>hdlr: what kind of track this is (vide, soun, text, subt). The name is kept byte for byte.</summary>
public sealed class HandlerBox : FullBox
{
    public override uint Type => BoxTypes.Hdlr;
    public uint HandlerType { get; set; }
    public byte[] Name { get; set; } = [0];

    protected override long FieldsSize => 20 + Name.Length;

    public static HandlerBox Create(uint handlerType, string name) =>
        new() { HandlerType = handlerType, Name = [.. Encoding.UTF8.GetBytes(name), 0] };

    public static HandlerBox Read(ref BoxReader r)
    {
        var box = new HandlerBox();
        box.ReadVersionAndFlags(ref r);
        r.Skip(4);
        box.HandlerType = r.ReadUInt32();
        r.Skip(12);
        box.Name = r.ReadRest();
        return box;
    }

    protected override void WriteFields(ref BoxWriter w)
    {
        w.WriteUInt32(0);
        w.WriteUInt32(HandlerType);
        w.WriteZeros(12);
        w.WriteBytes(Name);
    }
}
