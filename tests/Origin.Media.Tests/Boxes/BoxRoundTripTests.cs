using Origin.Media.Boxes;
using Origin.Media.Bytes;
using Origin.Media.Tests.Support;

namespace Origin.Media.Tests.Boxes;

public class BoxRoundTripTests
{
    public static TheoryData<string, Box> EveryBoxType()
    {
        var avcEntry = SampleEntries.Video();
        var aacEntry = SampleEntries.Audio();
        return new TheoryData<string, Box>
        {
            { "ftyp", new FileTypeBox(BoxTypes.Ftyp, BoxTypes.Iso6, 1, [BoxTypes.Iso6, BoxTypes.Cmfc]) },
            { "styp", new FileTypeBox(BoxTypes.Styp, BoxTypes.Msdh, 0, [BoxTypes.Msdh]) },
            { "mvhd v0", new MovieHeaderBox { Timescale = 1000, Duration = 20_000, NextTrackId = 3 } },
            { "mvhd v1", new MovieHeaderBox { Timescale = 90000, Duration = 1UL << 40 } },
            { "tkhd", new TrackHeaderBox { TrackId = 7, Duration = 5, Width = 1280u << 16, Height = 720u << 16, Flags = 7 } },
            { "tkhd v1", new TrackHeaderBox { TrackId = 1, Duration = ulong.MaxValue } },
            { "elst v0", new EditListBox { Entries = { new(100, -1, 1, 0), new(2000, 1024, 1, 0) } } },
            { "elst v1", new EditListBox { Entries = { new(1UL << 33, 1024, 1, 0) } } },
            { "mdhd", new MediaHeaderBox { Timescale = 48000, Duration = 960000, Language = "eng" } },
            { "mdhd v1", new MediaHeaderBox { Timescale = 10_000_000, Duration = 1UL << 35, Language = "fra" } },
            { "hdlr", HandlerBox.Create(BoxTypes.Vide, "VideoHandler") },
            { "vmhd", new VideoMediaHeaderBox() },
            { "smhd", new SoundMediaHeaderBox { Balance = -2 } },
            { "dref+url", DataReferenceBox.SelfContained() },
            { "url with location", DataEntryUrlBox.ForLocation("media/video.ismv") },
            { "stsd avc1+avcC+btrt+pasp+colr", new SampleDescriptionBox { Entries = { avcEntry } } },
            { "stsd mp4a+esds", new SampleDescriptionBox { Entries = { aacEntry } } },
            { "hvc1+hvcC", SampleEntries.Hevc() },
            { "stts", new TimeToSampleBox { Entries = [new(10, 512), new(1, 256)] } },
            { "ctts", new CompositionOffsetBox { Version = 1, Entries = [new(1, 1024), new(1, -512)] } },
            { "stss", new SyncSampleBox { SampleNumbers = [1, 49, 97] } },
            { "stsc", new SampleToChunkBox { Entries = [new(1, 5, 1), new(4, 3, 1)] } },
            { "stsz per sample", new SampleSizeBox { SampleCount = 3, Sizes = [100, 2000, 30] } },
            { "stsz constant", new SampleSizeBox { ConstantSize = 4, SampleCount = 1000 } },
            { "stz2 16", new CompactSampleSizeBox { FieldSize = 16, Sizes = [1, 65535, 300] } },
            { "stz2 8", new CompactSampleSizeBox { FieldSize = 8, Sizes = [1, 255, 30] } },
            { "stz2 4", new CompactSampleSizeBox { FieldSize = 4, Sizes = [1, 15, 3] } },
            { "stco", ChunkOffsetBox.For([40, 5000, uint.MaxValue]) },
            { "co64", ChunkOffsetBox.For([40, 1UL << 33]) },
            { "sgpd", new SampleGroupDescriptionBox { Version = 1, GroupingType = FourCC.From("roll"), Body = [0, 0, 0, 2, 0, 0, 0, 1, 0xff, 0xff] } },
            { "sbgp v0", new SampleToGroupBox { GroupingType = FourCC.From("roll"), Entries = [new(100, 1)] } },
            { "sbgp v1", new SampleToGroupBox { Version = 1, GroupingType = FourCC.From("roll"), GroupingTypeParameter = 9, Entries = [new(1, 0)] } },
            { "mvex+mehd+trex", new ContainerBox(BoxTypes.Mvex, [new MovieExtendsHeaderBox { FragmentDuration = 200 }, new TrackExtendsBox { TrackId = 2, DefaultSampleDuration = 1024 }]) },
            { "mehd v1", new MovieExtendsHeaderBox { FragmentDuration = 1UL << 40 } },
            { "moof", Fragments.Moof() },
            { "tfhd all fields", new TrackFragmentHeaderBox { TrackId = 3, Flags = 0x3b, BaseDataOffset = 1 << 20, SampleDescriptionIndex = 1, DefaultSampleDuration = 512, DefaultSampleSize = 100, DefaultSampleFlags = 0x01010000 } },
            { "tfdt v0", new TrackFragmentDecodeTimeBox { BaseMediaDecodeTime = 90000 } },
            { "tfdt v1", new TrackFragmentDecodeTimeBox { BaseMediaDecodeTime = 1UL << 40 } },
            { "trun defaults only", new TrackRunBox { Flags = TrackRunBox.DataOffsetPresent, DataOffset = 100, Samples = new TrackRunSample[5] } },
            { "sidx", Fragments.Sidx() },
            { "mfra+tfra+mfro", Fragments.Mfra() },
            { "tfra v0 small numbers", new TrackFragmentRandomAccessBox { TrackId = 1, LengthSizes = 0, Entries = [new(0, 800, 1, 1, 1)] } },
            { "tfxd", new SmoothFragmentTimeBox { Version = 1, AbsoluteTime = 20_000_000, Duration = 20_000_000 } },
            { "tfrf", new SmoothFragmentReferenceBox { Version = 1, Entries = { new(40_000_000, 20_000_000) } } },
            { "sinf+frma+schm+schi+tenc v0", new ContainerBox(BoxTypes.Sinf, [new OriginalFormatBox { DataFormat = BoxTypes.Avc1 }, new SchemeTypeBox { SchemeType = BoxTypes.Cenc },
                new ContainerBox(BoxTypes.Schi, [new TrackEncryptionBox { PerSampleIvSize = 8, DefaultKeyId = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray() }])]) },
            { "tenc v1 cbcs constant IV", new TrackEncryptionBox { Version = 1, CryptByteBlock = 1, SkipByteBlock = 9, PerSampleIvSize = 0, ConstantIv = new byte[16] } },
            { "pssh v0", new ProtectionSystemHeaderBox { SystemId = new byte[16], Data = [1, 2, 3] } },
            { "pssh v1", new ProtectionSystemHeaderBox { Version = 1, SystemId = new byte[16], KeyIds = { new byte[16], Enumerable.Repeat((byte)7, 16).ToArray() } } },
            { "saiz default", SampleAuxiliaryInformationSizesBox.For([8, 8, 8]) },
            { "saiz per sample", SampleAuxiliaryInformationSizesBox.For([14, 20, 8]) },
            { "saio", new SampleAuxiliaryInformationOffsetsBox { Offsets = { 180 } } },
            { "saio v1", new SampleAuxiliaryInformationOffsetsBox { Offsets = { 1L << 33 } } },
            { "udta kept raw", new RawBox(BoxTypes.Udta, [0, 0, 0, 12, (byte)'c', (byte)'p', (byte)'r', (byte)'t', 1, 2, 3, 4]) },
            { "meta kept raw", new RawBox(BoxTypes.Meta, [0, 0, 0, 0, 1, 2, 3]) },
            { "unknown uuid kept raw", new RawBox(BoxTypes.Uuid, [9, 9], Enumerable.Range(0, 16).Select(i => (byte)i).ToArray()) },
        };
    }

    [Theory]
    [MemberData(nameof(EveryBoxType))]
    public void Box_round_trips(string name, Box box)
    {
        Assert.NotEmpty(name);
        BoxAssert.RoundTrips(box);
    }

    [Fact]
    public void Senc_reads_back_with_the_iv_size_tenc_gives()
    {
        var senc = new SampleEncryptionBox { Flags = SampleEncryptionBox.UseSubsamples };
        senc.Samples.Add(new SampleEncryption([1, 2, 3, 4, 5, 6, 7, 8], [new Subsample(5, 1600), new Subsample(40, 0)]));
        senc.Samples.Add(new SampleEncryption([9, 9, 9, 9, 9, 9, 9, 9], [new Subsample(8, 32)]));
        var bytes = senc.ToArray();
        Assert.Equal(bytes.Length, senc.Size);
        var read = SampleEncryptionBox.Read(bytes.AsSpan(8), ivSize: 8);
        Assert.Equal(SampleEncryptionBox.UseSubsamples, read.Flags);
        Assert.Equal(senc.Samples.Select(s => (s.Iv.ToArray().Aggregate("", (t, b) => t + b), s.Subsamples.ToArray().Length)),
            read.Samples.Select(s => (s.Iv.ToArray().Aggregate("", (t, b) => t + b), s.Subsamples.ToArray().Length)));
        Assert.Equal(senc.Samples[0].Subsamples, read.Samples[0].Subsamples);
        Assert.Equal(bytes, read.ToArray());
        Assert.Equal(8 + 2 + 12, senc.Samples[0].InfoSize(withSubsamples: true));
    }

    [Fact]
    public void Unknown_boxes_inside_containers_survive_read_and_write()
    {
        var moov = new ContainerBox(BoxTypes.Moov, [new MovieHeaderBox(), new RawBox(FourCC.From("zzzz"), [1, 2, 3, 4, 5])]);
        var parsed = BoxAssert.RoundTrips(moov);
        var raw = Assert.IsType<RawBox>(parsed.Children[1]);
        Assert.Equal("zzzz", FourCC.ToString(raw.Type));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, raw.Content);
    }

    [Fact]
    public void Versioned_boxes_widen_when_a_value_needs_64_bits()
    {
        var tfdt = new TrackFragmentDecodeTimeBox { BaseMediaDecodeTime = 1UL << 33 };
        var bytes = tfdt.ToArray();
        Assert.Equal(1, bytes[8]);
        Assert.Equal(20, bytes.Length);
        Assert.Equal(1UL << 33, ((TrackFragmentDecodeTimeBox)BoxParser.ReadOne(bytes)).BaseMediaDecodeTime);
    }

    [Fact]
    public void Large_size_header_is_read()
    {
        // size = 1 with a 64-bit size following: free box of 20 bytes.
        byte[] bytes = [0, 0, 0, 1, (byte)'f', (byte)'r', (byte)'e', (byte)'e', 0, 0, 0, 0, 0, 0, 0, 20, 1, 2, 3, 4];
        var box = Assert.IsType<RawBox>(BoxParser.ReadOne(bytes));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, box.Content);
    }

    [Fact]
    public void Codec_configurations_expose_their_fields()
    {
        var avc = SampleEntries.Video().Children.Find<AvcConfigurationBox>()!;
        Assert.Equal(0x64, avc.Profile);
        Assert.Single(avc.SequenceParameterSets);
        Assert.Single(avc.PictureParameterSets);
        Assert.Equal(4, avc.NalLengthSize);
        var esds = SampleEntries.Audio().Children.Find<ElementaryStreamDescriptorBox>()!;
        Assert.Equal(0x40, esds.ObjectTypeIndication);
        Assert.Equal(2, esds.DecoderSpecificInfo[0] >> 3); // AAC LC
    }
}
