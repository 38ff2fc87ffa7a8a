namespace Origin.Media.Protection;

/// <summary>
/// The two common encryption schemes players meet: 'cenc' (AES-CTR; DASH and Smooth's default) and 'cbcs' (AES-CBC
/// on a 1-in-10 block pattern with a constant IV; HLS SAMPLE-AES in fMP4, FairPlay, and DASH where asked).
/// </summary>
public enum EncryptionScheme { Cenc, Cbcs }
