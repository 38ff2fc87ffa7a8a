using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>A box kept as its content bytes: unknown types, and known ones the packager copies without looking inside
/// (udta, meta, sdtp), so that reading and writing a file loses nothing.</summary>
public sealed class RawBox(uint type, byte[] content, byte[]? userType = null) : Box
{
    readonly byte[]? _userType = userType;

    public override uint Type { get; } = type;
    public override ReadOnlySpan<byte> UserType => _userType;
    public byte[] Content { get; } = content;
    public override long ContentSize => Content.Length;
    protected override void WriteContent(ref BoxWriter writer) => writer.WriteBytes(Content);
}
