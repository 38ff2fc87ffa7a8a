using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>
/// esds: the MPEG-4 ES descriptor of an mp4a entry, kept as bytes. The object type, bit rates and the
/// DecoderSpecificInfo (AudioSpecificConfig for AAC) are read out of the descriptor chain.
/// </summary>
public sealed class ElementaryStreamDescriptorBox : FullBox
{
    const byte EsDescriptorTag = 3, DecoderConfigTag = 4, DecoderSpecificInfoTag = 5;

    public override uint Type => BoxTypes.Esds;
    public byte[] Descriptors { get; private set; } = [];
    public byte ObjectTypeIndication { get; private set; }
    public uint MaxBitrate { get; private set; }
    public uint AverageBitrate { get; private set; }
    public byte[] DecoderSpecificInfo { get; private set; } = [];

    protected override long FieldsSize => Descriptors.Length;

    public static ElementaryStreamDescriptorBox Read(ref BoxReader r)
    {
        var box = new ElementaryStreamDescriptorBox();
        box.ReadVersionAndFlags(ref r);
        box.Descriptors = r.ReadRest();
        box.ParseDescriptors();
        return box;
    }

    protected override void WriteFields(ref BoxWriter w) => w.WriteBytes(Descriptors);

    void ParseDescriptors()
    {
        var r = new BoxReader(Descriptors, 0, BoxTypes.Esds);
        if (r.Remaining == 0 || r.ReadByte() != EsDescriptorTag) return;
        var es = new BoxReader(r.ReadBytes(ReadDescriptorLength(ref r)), 0, BoxTypes.Esds);
        es.Skip(2); // ES_ID
        byte flags = es.ReadByte();
        if ((flags & 0x80) != 0) es.Skip(2);                 // dependsOn_ES_ID
        if ((flags & 0x40) != 0) es.Skip(es.ReadByte());     // URL
        if ((flags & 0x20) != 0) es.Skip(2);                 // OCR_ES_Id
        while (es.Remaining > 2)
        {
            byte tag = es.ReadByte();
            var body = new BoxReader(es.ReadBytes(ReadDescriptorLength(ref es)), 0, BoxTypes.Esds);
            if (tag != DecoderConfigTag) continue;
            ObjectTypeIndication = body.ReadByte();
            body.Skip(4); // streamType, upStream, bufferSizeDB
            MaxBitrate = body.ReadUInt32();
            AverageBitrate = body.ReadUInt32();
            while (body.Remaining > 2)
            {
                byte inner = body.ReadByte();
                var info = body.ReadBytes(ReadDescriptorLength(ref body));
                if (inner == DecoderSpecificInfoTag) DecoderSpecificInfo = info.ToArray();
            }
        }
    }

    /// <summary>Descriptor lengths use up to four bytes of 7 bits, high bit = more follows.</summary>
    static int ReadDescriptorLength(ref BoxReader r)
    {
        int length = 0;
        for (int i = 0; i < 4; i++)
        {
            byte b = r.ReadByte();
            length = length << 7 | (b & 0x7f);
            if ((b & 0x80) == 0) break;
        }
        return length;
    }
}
