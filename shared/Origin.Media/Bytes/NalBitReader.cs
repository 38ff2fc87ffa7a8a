namespace Origin.Media.Bytes;

/// <summary>
/// Bits of one NAL unit's payload (ITU-T H.264 7.2): fixed-width and Exp-Golomb fields, with the emulation prevention
/// bytes (00 00 03) skipped as they come. Reading past the end sets <see cref="Failed"/> and yields zeros, so a parser
/// reads straight through and checks once.
/// </summary>
public ref struct NalBitReader(ReadOnlySpan<byte> payload)
{
    readonly ReadOnlySpan<byte> _data = payload;
    int _byte;
    int _bit; // 0..7, from the most significant bit
    int _zeros; // zero bytes just passed, to spot 00 00 03

    public bool Failed { get; private set; }

    public uint ReadBit()
    {
        if (_byte >= _data.Length)
        {
            Failed = true;
            return 0;
        }
        uint bit = (uint)(_data[_byte] >> (7 - _bit)) & 1;
        if (++_bit == 8) NextByte();
        return bit;
    }

    public uint ReadBits(int count)
    {
        uint value = 0;
        for (int i = 0; i < count; i++) value = value << 1 | ReadBit();
        return value;
    }

    /// <summary>ue(v). Longer than 32 bits is no valid field: it fails instead of overflowing.</summary>
    public uint ReadUnsignedExpGolomb()
    {
        int leadingZeros = 0;
        while (ReadBit() == 0)
        {
            if (Failed || ++leadingZeros > 31)
            {
                Failed = true;
                return 0;
            }
        }
        return (uint)((1UL << leadingZeros) - 1 + ReadBits(leadingZeros));
    }

    /// <summary>se(v).</summary>
    public int ReadSignedExpGolomb()
    {
        uint code = ReadUnsignedExpGolomb();
        return (code & 1) != 0 ? (int)((code + 1) / 2) : -(int)(code / 2);
    }

    void NextByte()
    {
        _zeros = _data[_byte] == 0 ? _zeros + 1 : 0;
        _byte++;
        _bit = 0;
        if (_zeros >= 2 && _byte < _data.Length && _data[_byte] == 3)
        {
            _byte++;
            _zeros = 0;
        }
    }
}
