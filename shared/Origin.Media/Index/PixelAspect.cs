namespace Origin.Media.Index;

/// <summary>The shape of one pixel (sample aspect ratio), horizontal:vertical in lowest terms; 1:1 is square.</summary>
public readonly record struct PixelAspect
{
    public PixelAspect(uint horizontal, uint vertical)
    {
        if (horizontal == 0 || vertical == 0) (horizontal, vertical) = (1, 1);
        uint a = horizontal, b = vertical;
        while (b != 0) (a, b) = (b, a % b);
        (Horizontal, Vertical) = (horizontal / a, vertical / a);
    }

    public static PixelAspect Square => new(1, 1);

    public uint Horizontal { get; }
    public uint Vertical { get; }

    /// <summary>"h:v", as DASH's @sar and ffprobe's sample_aspect_ratio write it.</summary>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Horizontal}:{Vertical}");
}
