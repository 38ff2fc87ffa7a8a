namespace Origin.Media.Boxes;

/// <summary>
/// The four-character codes this library knows, as big-endian integers spelt out character by character (a constant
/// expression, so they still work as switch labels).
/// </summary>
public static class BoxTypes
{
    public const uint Ftyp = 'f' << 24 | 't' << 16 | 'y' << 8 | 'p';
    public const uint Styp = 's' << 24 | 't' << 16 | 'y' << 8 | 'p';
    public const uint Free = 'f' << 24 | 'r' << 16 | 'e' << 8 | 'e';
    public const uint Skip = 's' << 24 | 'k' << 16 | 'i' << 8 | 'p';
    public const uint Mdat = 'm' << 24 | 'd' << 16 | 'a' << 8 | 't';
    public const uint Moov = 'm' << 24 | 'o' << 16 | 'o' << 8 | 'v';
    public const uint Mvhd = 'm' << 24 | 'v' << 16 | 'h' << 8 | 'd';
    public const uint Trak = 't' << 24 | 'r' << 16 | 'a' << 8 | 'k';
    public const uint Tkhd = 't' << 24 | 'k' << 16 | 'h' << 8 | 'd';
    public const uint Edts = 'e' << 24 | 'd' << 16 | 't' << 8 | 's';
    public const uint Elst = 'e' << 24 | 'l' << 16 | 's' << 8 | 't';
    public const uint Mdia = 'm' << 24 | 'd' << 16 | 'i' << 8 | 'a';
    public const uint Mdhd = 'm' << 24 | 'd' << 16 | 'h' << 8 | 'd';
    public const uint Hdlr = 'h' << 24 | 'd' << 16 | 'l' << 8 | 'r';
    public const uint Minf = 'm' << 24 | 'i' << 16 | 'n' << 8 | 'f';
    public const uint Vmhd = 'v' << 24 | 'm' << 16 | 'h' << 8 | 'd';
    public const uint Smhd = 's' << 24 | 'm' << 16 | 'h' << 8 | 'd';
    public const uint Nmhd = 'n' << 24 | 'm' << 16 | 'h' << 8 | 'd';
    public const uint Stpp = 's' << 24 | 't' << 16 | 'p' << 8 | 'p';
    public const uint Sthd = 's' << 24 | 't' << 16 | 'h' << 8 | 'd';
    public const uint Dinf = 'd' << 24 | 'i' << 16 | 'n' << 8 | 'f';
    public const uint Dref = 'd' << 24 | 'r' << 16 | 'e' << 8 | 'f';
    public const uint Url = 'u' << 24 | 'r' << 16 | 'l' << 8 | ' ';
    public const uint Urn = 'u' << 24 | 'r' << 16 | 'n' << 8 | ' ';
    public const uint Stbl = 's' << 24 | 't' << 16 | 'b' << 8 | 'l';
    public const uint Stsd = 's' << 24 | 't' << 16 | 's' << 8 | 'd';
    public const uint Stts = 's' << 24 | 't' << 16 | 't' << 8 | 's';
    public const uint Ctts = 'c' << 24 | 't' << 16 | 't' << 8 | 's';
    public const uint Stss = 's' << 24 | 't' << 16 | 's' << 8 | 's';
    public const uint Stsc = 's' << 24 | 't' << 16 | 's' << 8 | 'c';
    public const uint Stsz = 's' << 24 | 't' << 16 | 's' << 8 | 'z';
    public const uint Stz2 = 's' << 24 | 't' << 16 | 'z' << 8 | '2';
    public const uint Stco = 's' << 24 | 't' << 16 | 'c' << 8 | 'o';
    public const uint Co64 = 'c' << 24 | 'o' << 16 | '6' << 8 | '4';
    public const uint Sgpd = 's' << 24 | 'g' << 16 | 'p' << 8 | 'd';
    public const uint Sbgp = 's' << 24 | 'b' << 16 | 'g' << 8 | 'p';
    public const uint Mvex = 'm' << 24 | 'v' << 16 | 'e' << 8 | 'x';
    public const uint Mehd = 'm' << 24 | 'e' << 16 | 'h' << 8 | 'd';
    public const uint Trex = 't' << 24 | 'r' << 16 | 'e' << 8 | 'x';
    public const uint Moof = 'm' << 24 | 'o' << 16 | 'o' << 8 | 'f';
    public const uint Mfhd = 'm' << 24 | 'f' << 16 | 'h' << 8 | 'd';
    public const uint Traf = 't' << 24 | 'r' << 16 | 'a' << 8 | 'f';
    public const uint Tfhd = 't' << 24 | 'f' << 16 | 'h' << 8 | 'd';
    public const uint Tfdt = 't' << 24 | 'f' << 16 | 'd' << 8 | 't';
    public const uint Trun = 't' << 24 | 'r' << 16 | 'u' << 8 | 'n';
    public const uint Sidx = 's' << 24 | 'i' << 16 | 'd' << 8 | 'x';
    public const uint Mfra = 'm' << 24 | 'f' << 16 | 'r' << 8 | 'a';
    public const uint Tfra = 't' << 24 | 'f' << 16 | 'r' << 8 | 'a';
    public const uint Mfro = 'm' << 24 | 'f' << 16 | 'r' << 8 | 'o';
    public const uint Uuid = 'u' << 24 | 'u' << 16 | 'i' << 8 | 'd';
    public const uint Udta = 'u' << 24 | 'd' << 16 | 't' << 8 | 'a';
    public const uint Meta = 'm' << 24 | 'e' << 16 | 't' << 8 | 'a';
    public const uint Sdtp = 's' << 24 | 'd' << 16 | 't' << 8 | 'p';
    public const uint Avc1 = 'a' << 24 | 'v' << 16 | 'c' << 8 | '1';
    public const uint Avc3 = 'a' << 24 | 'v' << 16 | 'c' << 8 | '3';
    public const uint Hev1 = 'h' << 24 | 'e' << 16 | 'v' << 8 | '1';
    public const uint Hvc1 = 'h' << 24 | 'v' << 16 | 'c' << 8 | '1';
    public const uint Encv = 'e' << 24 | 'n' << 16 | 'c' << 8 | 'v';
    public const uint Mp4a = 'm' << 24 | 'p' << 16 | '4' << 8 | 'a';
    public const uint Enca = 'e' << 24 | 'n' << 16 | 'c' << 8 | 'a';
    public const uint Ac3 = 'a' << 24 | 'c' << 16 | '-' << 8 | '3';
    public const uint Ec3 = 'e' << 24 | 'c' << 16 | '-' << 8 | '3';
    public const uint Opus = 'O' << 24 | 'p' << 16 | 'u' << 8 | 's';
    public const uint AvcC = 'a' << 24 | 'v' << 16 | 'c' << 8 | 'C';
    public const uint HvcC = 'h' << 24 | 'v' << 16 | 'c' << 8 | 'C';
    public const uint Esds = 'e' << 24 | 's' << 16 | 'd' << 8 | 's';
    public const uint Btrt = 'b' << 24 | 't' << 16 | 'r' << 8 | 't';
    public const uint Pasp = 'p' << 24 | 'a' << 16 | 's' << 8 | 'p';

    // Common encryption (ISO/IEC 23001-7).
    public const uint Sinf = 's' << 24 | 'i' << 16 | 'n' << 8 | 'f';
    public const uint Frma = 'f' << 24 | 'r' << 16 | 'm' << 8 | 'a';
    public const uint Schm = 's' << 24 | 'c' << 16 | 'h' << 8 | 'm';
    public const uint Schi = 's' << 24 | 'c' << 16 | 'h' << 8 | 'i';
    public const uint Tenc = 't' << 24 | 'e' << 16 | 'n' << 8 | 'c';
    public const uint Pssh = 'p' << 24 | 's' << 16 | 's' << 8 | 'h';
    public const uint Senc = 's' << 24 | 'e' << 16 | 'n' << 8 | 'c';
    public const uint Saiz = 's' << 24 | 'a' << 16 | 'i' << 8 | 'z';
    public const uint Saio = 's' << 24 | 'a' << 16 | 'i' << 8 | 'o';
    public const uint Cenc = 'c' << 24 | 'e' << 16 | 'n' << 8 | 'c';
    public const uint Cbcs = 'c' << 24 | 'b' << 16 | 'c' << 8 | 's';
    public const uint Colr = 'c' << 24 | 'o' << 16 | 'l' << 8 | 'r';
    public const uint Alis = 'a' << 24 | 'l' << 16 | 'i' << 8 | 's';

    // Handler types (hdlr) and brands.
    public const uint Vide = 'v' << 24 | 'i' << 16 | 'd' << 8 | 'e';
    public const uint Soun = 's' << 24 | 'o' << 16 | 'u' << 8 | 'n';
    public const uint Text = 't' << 24 | 'e' << 16 | 'x' << 8 | 't';
    public const uint Subt = 's' << 24 | 'u' << 16 | 'b' << 8 | 't';
    public const uint Sbtl = 's' << 24 | 'b' << 16 | 't' << 8 | 'l';
    public const uint Iso6 = 'i' << 24 | 's' << 16 | 'o' << 8 | '6';
    public const uint Cmfc = 'c' << 24 | 'm' << 16 | 'f' << 8 | 'c';
    public const uint Msdh = 'm' << 24 | 's' << 16 | 'd' << 8 | 'h';
    public const uint Msix = 'm' << 24 | 's' << 16 | 'i' << 8 | 'x';
}
