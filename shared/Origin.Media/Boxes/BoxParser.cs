using Origin.Media.Bytes;

namespace Origin.Media.Boxes;

/// <summary>
/// Reads box trees: the parent decides how its children are parsed, and after each box reading moves to its
/// announced end whatever the box parser consumed. Unknown boxes are kept raw.
/// </summary>
public static class BoxParser
{
    /// <summary>Deeper nesting than any real file has; a hostile file cannot recurse the reader into a stack overflow.</summary>
    public const int MaxDepth = 24;

    public static List<Box> ReadAll(ReadOnlySpan<byte> data, long baseOffset = 0)
    {
        var reader = new BoxReader(data, baseOffset);
        return ReadChildren(ref reader, 0);
    }

    public static Box ReadOne(ReadOnlySpan<byte> data, long baseOffset = 0)
    {
        var reader = new BoxReader(data, baseOffset);
        return ReadBox(ref reader, 0);
    }

    internal static List<Box> ReadChildren(ref BoxReader reader, int depth)
    {
        var children = new List<Box>();
        while (reader.Remaining > 0)
        {
            if (reader.Remaining < 8)
            {
                // Some muxers pad containers with a few zero bytes; anything else is an error.
                foreach (var b in reader.ReadBytes(reader.Remaining))
                    if (b != 0) throw reader.Error("trailing bytes after the last child box");
                break;
            }
            children.Add(ReadBox(ref reader, depth));
        }
        return children;
    }

    internal static Box ReadBox(ref BoxReader reader, int depth)
    {
        long offset = reader.Offset;
        var data = reader.Data[reader.Position..];
        if (!BoxHeader.TryRead(data, offset, data.Length, out var header))
            throw new MediaFormatException("truncated box header", reader.BoxType, offset);
        if (header.Size > data.Length)
            throw new MediaFormatException($"box claims {header.Size} bytes, {data.Length} available", header.Type, offset);
        if (depth > MaxDepth)
            throw new MediaFormatException("boxes nested too deeply", header.Type, offset);

        var content = new BoxReader(data.Slice(header.HeaderSize, (int)header.ContentSize), offset + header.HeaderSize, header.Type);
        var userType = header.Type == BoxTypes.Uuid ? data.Slice(header.HeaderSize - 16, 16) : default;
        var box = Parse(header.Type, userType, ref content, depth + 1);
        reader.Skip((int)header.Size);
        return box;
    }

    static Box Parse(uint type, ReadOnlySpan<byte> userType, ref BoxReader r, int depth) => type switch
    {
        BoxTypes.Moov or BoxTypes.Trak or BoxTypes.Edts or BoxTypes.Mdia or BoxTypes.Minf or BoxTypes.Dinf
            or BoxTypes.Stbl or BoxTypes.Mvex or BoxTypes.Moof or BoxTypes.Traf or BoxTypes.Mfra or BoxTypes.Sinf or BoxTypes.Schi
            => new ContainerBox(type, ReadChildren(ref r, depth)),
        BoxTypes.Ftyp or BoxTypes.Styp => FileTypeBox.Read(type, ref r),
        BoxTypes.Mvhd => MovieHeaderBox.Read(ref r),
        BoxTypes.Tkhd => TrackHeaderBox.Read(ref r),
        BoxTypes.Elst => EditListBox.Read(ref r),
        BoxTypes.Mdhd => MediaHeaderBox.Read(ref r),
        BoxTypes.Hdlr => HandlerBox.Read(ref r),
        BoxTypes.Vmhd => VideoMediaHeaderBox.Read(ref r),
        BoxTypes.Smhd => SoundMediaHeaderBox.Read(ref r),
        BoxTypes.Dref => DataReferenceBox.Read(ref r, depth),
        BoxTypes.Url => DataEntryUrlBox.Read(ref r),
        BoxTypes.Stsd => SampleDescriptionBox.Read(ref r, depth),
        BoxTypes.Avc1 or BoxTypes.Avc3 or BoxTypes.Hev1 or BoxTypes.Hvc1 or BoxTypes.Encv
            => VisualSampleEntry.Read(type, ref r, depth),
        BoxTypes.Mp4a or BoxTypes.Enca or BoxTypes.Ac3 or BoxTypes.Ec3 or BoxTypes.Opus
            => AudioSampleEntry.Read(type, ref r, depth),
        BoxTypes.Stpp => XmlSubtitleSampleEntry.Read(ref r, depth),
        BoxTypes.AvcC => AvcConfigurationBox.Read(ref r),
        BoxTypes.HvcC => HevcConfigurationBox.Read(ref r),
        BoxTypes.Esds => ElementaryStreamDescriptorBox.Read(ref r),
        BoxTypes.Btrt => BitRateBox.Read(ref r),
        BoxTypes.Pasp => PixelAspectRatioBox.Read(ref r),
        BoxTypes.Colr => ColourInformationBox.Read(ref r),
        BoxTypes.Stts => TimeToSampleBox.Read(ref r),
        BoxTypes.Ctts => CompositionOffsetBox.Read(ref r),
        BoxTypes.Stss => SyncSampleBox.Read(ref r),
        BoxTypes.Stsc => SampleToChunkBox.Read(ref r),
        BoxTypes.Stsz => SampleSizeBox.Read(ref r),
        BoxTypes.Stz2 => CompactSampleSizeBox.Read(ref r),
        BoxTypes.Stco or BoxTypes.Co64 => ChunkOffsetBox.Read(type, ref r),
        BoxTypes.Sgpd => SampleGroupDescriptionBox.Read(ref r),
        BoxTypes.Sbgp => SampleToGroupBox.Read(ref r),
        BoxTypes.Mehd => MovieExtendsHeaderBox.Read(ref r),
        BoxTypes.Trex => TrackExtendsBox.Read(ref r),
        BoxTypes.Mfhd => MovieFragmentHeaderBox.Read(ref r),
        BoxTypes.Tfhd => TrackFragmentHeaderBox.Read(ref r),
        BoxTypes.Tfdt => TrackFragmentDecodeTimeBox.Read(ref r),
        BoxTypes.Trun => TrackRunBox.Read(ref r),
        BoxTypes.Sidx => SegmentIndexBox.Read(ref r),
        BoxTypes.Tfra => TrackFragmentRandomAccessBox.Read(ref r),
        BoxTypes.Mfro => MovieFragmentRandomAccessOffsetBox.Read(ref r),
        BoxTypes.Frma => OriginalFormatBox.Read(ref r),
        BoxTypes.Schm => SchemeTypeBox.Read(ref r),
        BoxTypes.Tenc => TrackEncryptionBox.Read(ref r),
        BoxTypes.Pssh => ProtectionSystemHeaderBox.Read(ref r),
        BoxTypes.Saiz => SampleAuxiliaryInformationSizesBox.Read(ref r),
        BoxTypes.Saio => SampleAuxiliaryInformationOffsetsBox.Read(ref r),
        BoxTypes.Uuid when userType.SequenceEqual(SmoothFragmentTimeBox.Id) => SmoothFragmentTimeBox.Read(ref r),
        BoxTypes.Uuid when userType.SequenceEqual(SmoothFragmentReferenceBox.Id) => SmoothFragmentReferenceBox.Read(ref r),
        BoxTypes.Uuid => new RawBox(type, r.ReadRest(), userType.ToArray()),
        _ => new RawBox(type, r.ReadRest()),
    };
}
