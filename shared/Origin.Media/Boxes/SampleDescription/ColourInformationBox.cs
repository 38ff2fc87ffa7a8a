using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>colr: the colour type (nclx, nclc, rICC, prof) and its payload, kept as bytes.</summary>
public sealed class ColourInformationBox : Box
{
    public override uint Type => BoxTypes.Colr;
    public uint ColourType { get; set; }
    public byte[] Payload { get; set; } = [];
    public override long ContentSize => 4 + Payload.Length;

    public static ColourInformationBox Read(ref BoxReader r) => new() { ColourType = r.ReadUInt32(), Payload = r.ReadRest() };

    protected override void WriteContent(ref BoxWriter w)
    {
        w.WriteUInt32(ColourType);
        w.WriteBytes(Payload);
    }
}
