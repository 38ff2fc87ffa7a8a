using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>
/// An ISO-BMFF box. Each box knows its exact size, so a tree is written into one buffer allocated once; the writer
/// checks that every box wrote exactly the bytes it announced.
/// </summary>
public abstract class Box
{
    public abstract uint Type { get; }

    /// <summary>The 16-byte extended type of a <c>uuid</c> box; null for every other box.</summary>
    public virtual ReadOnlySpan<byte> UserType => default;

    /// <summary>Bytes of content after the header.</summary>
    public abstract long ContentSize { get; }

    public long Size
    {
        get
        {
            long header = 8 + (Type == BoxTypes.Uuid ? 16 : 0);
            long size = header + ContentSize;
            return size > uint.MaxValue ? size + 8 : size;
        }
    }

    protected abstract void WriteContent(ref BoxWriter writer);

    public void Write(ref BoxWriter writer)
    {
        long size = Size;
        int start = writer.Position;
        if (size > uint.MaxValue)
        {
            writer.WriteUInt32(1);
            writer.WriteUInt32(Type);
            writer.WriteUInt64((ulong)size);
        }
        else
        {
            writer.WriteUInt32((uint)size);
            writer.WriteUInt32(Type);
        }
        if (Type == BoxTypes.Uuid) writer.WriteBytes(UserType);
        WriteContent(ref writer);
        if (writer.Position - start != size)
            throw new InvalidOperationException($"{FourCC.ToString(Type)} wrote {writer.Position - start} bytes but announced {size}.");
    }

    public byte[] ToArray()
    {
        var bytes = new byte[checked((int)Size)];
        var writer = new BoxWriter(bytes);
        Write(ref writer);
        return bytes;
    }

    public override string ToString() => $"{FourCC.ToString(Type)} ({Size} bytes)";
}

/// <summary>A box whose content starts with a version byte and 24 bits of flags.</summary>
public abstract class FullBox : Box
{
    public byte Version { get; set; }
    public uint Flags { get; set; }

    public sealed override long ContentSize => 4 + FieldsSize;

    /// <summary>The version written: boxes with 32- and 64-bit layouts widen when a value needs it.</summary>
    protected virtual byte WrittenVersion => Version;
    protected abstract long FieldsSize { get; }
    protected abstract void WriteFields(ref BoxWriter writer);

    protected sealed override void WriteContent(ref BoxWriter writer)
    {
        writer.WriteByte(WrittenVersion);
        writer.WriteUInt24(Flags);
        WriteFields(ref writer);
    }

    protected void ReadVersionAndFlags(ref BoxReader reader)
    {
        Version = reader.ReadByte();
        Flags = reader.ReadUInt24();
    }
}
