namespace Origin.Media.Boxes;

/// <summary>The four-character codes this library knows, as big-endian integers.</summary>
public static class BoxTypes
{
    public const uint Ftyp = 0x66747970, Styp = 0x73747970, Free = 0x66726565, Skip = 0x736b6970, Mdat = 0x6d646174;
    public const uint Moov = 0x6d6f6f76, Mvhd = 0x6d766864, Trak = 0x7472616b, Tkhd = 0x746b6864;
    public const uint Edts = 0x65647473, Elst = 0x656c7374, Mdia = 0x6d646961, Mdhd = 0x6d646864, Hdlr = 0x68646c72;
    public const uint Minf = 0x6d696e66, Vmhd = 0x766d6864, Smhd = 0x736d6864, Nmhd = 0x6e6d6864, Sthd = 0x73746864;
    public const uint Dinf = 0x64696e66, Dref = 0x64726566, Url = 0x75726c20, Urn = 0x75726e20;
    public const uint Stbl = 0x7374626c, Stsd = 0x73747364;
    public const uint Stts = 0x73747473, Ctts = 0x63747473, Stss = 0x73747373, Stsc = 0x73747363, Stsz = 0x7374737a;
    public const uint Stz2 = 0x73747a32, Stco = 0x7374636f, Co64 = 0x636f3634, Sgpd = 0x73677064, Sbgp = 0x73626770;
    public const uint Mvex = 0x6d766578, Mehd = 0x6d656864, Trex = 0x74726578;
    public const uint Moof = 0x6d6f6f66, Mfhd = 0x6d666864, Traf = 0x74726166, Tfhd = 0x74666864, Tfdt = 0x74666474;
    public const uint Trun = 0x7472756e, Sidx = 0x73696478, Mfra = 0x6d667261, Tfra = 0x74667261, Mfro = 0x6d66726f;
    public const uint Uuid = 0x75756964, Udta = 0x75647461, Meta = 0x6d657461, Sdtp = 0x73647470;
    public const uint Avc1 = 0x61766331, Avc3 = 0x61766333, Hev1 = 0x68657631, Hvc1 = 0x68766331, Encv = 0x656e6376;
    public const uint Mp4a = 0x6d703461, Enca = 0x656e6361, Ac3 = 0x61632d33, Ec3 = 0x65632d33, Opus = 0x4f707573;
    public const uint AvcC = 0x61766343, HvcC = 0x68766343, Esds = 0x65736473, Btrt = 0x62747274, Pasp = 0x70617370;
    public const uint Colr = 0x636f6c72, Alis = 0x616c6973;

    // Handler types (hdlr) and brands.
    public const uint Vide = 0x76696465, Soun = 0x736f756e, Text = 0x74657874, Subt = 0x73756274, Sbtl = 0x7362746c;
    public const uint Iso6 = 0x69736f36, Cmfc = 0x636d6663, Msdh = 0x6d736468, Msix = 0x6d736978;
}
