using Origin.Media.Bytes;

namespace Origin.Media.Index;

/// <summary>
/// The sample aspect ratio an H.264 sequence parameter set declares in its VUI (ITU-T H.264 7.3.2.1.1, E.1.1), for
/// files whose sample entry has no pasp box.
/// </summary>
public static class AvcSampleAspect
{
    /// <summary>Table E-1: aspect_ratio_idc 1..16.</summary>
    static ReadOnlySpan<byte> Table =>
        [1, 1, 12, 11, 10, 11, 16, 11, 40, 33, 24, 11, 20, 11, 32, 11, 80, 33, 18, 11, 15, 11, 64, 33, 160, 99, 4, 3, 3, 2, 2, 1];

    const uint ExtendedSar = 255;

    /// <summary>The declared ratio, or null when the SPS declares none or cannot be read that far.</summary>
    public static PixelAspect? FromSequenceParameterSet(ReadOnlySpan<byte> nal)
    {
        if (nal.Length < 4) return null;
        var r = new NalBitReader(nal[1..]); // after the NAL header
        uint profile = r.ReadBits(8);
        r.ReadBits(16); // constraint flags, level
        r.ReadUnsignedExpGolomb(); // seq_parameter_set_id
        if (profile is 100 or 110 or 122 or 244 or 44 or 83 or 86 or 118 or 128 or 138 or 139 or 134 or 135)
        {
            uint chroma = r.ReadUnsignedExpGolomb();
            if (chroma == 3) r.ReadBit(); // separate_colour_plane_flag
            r.ReadUnsignedExpGolomb(); // bit_depth_luma_minus8
            r.ReadUnsignedExpGolomb(); // bit_depth_chroma_minus8
            r.ReadBit(); // qpprime_y_zero_transform_bypass_flag
            if (r.ReadBit() == 1) // seq_scaling_matrix_present_flag
                for (int i = 0; i < (chroma == 3 ? 12 : 8) && !r.Failed; i++)
                    if (r.ReadBit() == 1) SkipScalingList(ref r, i < 6 ? 16 : 64);
        }
        r.ReadUnsignedExpGolomb(); // log2_max_frame_num_minus4
        uint pocType = r.ReadUnsignedExpGolomb();
        if (pocType == 0) r.ReadUnsignedExpGolomb();
        else if (pocType == 1)
        {
            r.ReadBit();
            r.ReadSignedExpGolomb();
            r.ReadSignedExpGolomb();
            uint cycle = r.ReadUnsignedExpGolomb();
            for (uint i = 0; i < cycle && !r.Failed; i++) r.ReadSignedExpGolomb();
        }
        r.ReadUnsignedExpGolomb(); // max_num_ref_frames
        r.ReadBit(); // gaps_in_frame_num_value_allowed_flag
        r.ReadUnsignedExpGolomb(); // pic_width_in_mbs_minus1
        r.ReadUnsignedExpGolomb(); // pic_height_in_map_units_minus1
        if (r.ReadBit() == 0) r.ReadBit(); // frame_mbs_only_flag, mb_adaptive_frame_field_flag
        r.ReadBit(); // direct_8x8_inference_flag
        if (r.ReadBit() == 1) // frame_cropping_flag
            for (int i = 0; i < 4; i++) r.ReadUnsignedExpGolomb();
        if (r.ReadBit() == 0 || r.ReadBit() == 0) return r.Failed ? null : PixelAspect.Square; // no VUI, or no aspect in it
        uint idc = r.ReadBits(8);
        PixelAspect? aspect = idc == ExtendedSar ? new PixelAspect(r.ReadBits(16), r.ReadBits(16))
            : idc is >= 1 and <= 16 ? new PixelAspect(Table[(int)(idc - 1) * 2], Table[(int)(idc - 1) * 2 + 1])
            : null; // 0 is unspecified; 17..254 are reserved
        return r.Failed ? null : aspect;
    }

    static void SkipScalingList(ref NalBitReader r, int size)
    {
        int last = 8, next = 8;
        for (int j = 0; j < size && !r.Failed; j++)
        {
            if (next != 0) next = (last + r.ReadSignedExpGolomb() + 256) % 256;
            last = next == 0 ? last : next;
        }
    }
}
