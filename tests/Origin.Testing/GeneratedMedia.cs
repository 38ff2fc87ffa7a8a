namespace Origin.Testing;

/// <summary>Short test sources that the bundled samples do not cover, made by ffmpeg where a test needs them.</summary>
public static class GeneratedMedia
{
    /// <summary>12 s of H.264 without B-frames (2 s GOPs) and AAC: hls.js starts MPEG-TS of it without a hole.</summary>
    public static Task WithoutBFramesAsync(string path) => MakeAsync(path, "12", ["-c:v", "libx264", "-preset", "ultrafast", "-bf", "0", "-g", "48", "-keyint_min", "48", "-sc_threshold", "0"]);

    /// <summary>4 s of HEVC (hvc1, 2 s GOPs) and AAC: NAL headers of two bytes.</summary>
    public static Task HevcAsync(string path) => MakeAsync(path, "4",
        ["-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "keyint=48:min-keyint=48:scenecut=0:log-level=error", "-tag:v", "hvc1"]);

    /// <summary>4 s of H.264 and AC-3 (<paramref name="codec"/> ac3) or E-AC-3 (eac3) audio, as MP4 carries them (ac-3, ec-3).</summary>
    public static Task DolbyAudioAsync(string path, string codec) => MakeAsync(path, "4", ["-c:v", "libx264", "-preset", "ultrafast", "-g", "48"], [codec, "-b:a", "192k"]);

    static async Task MakeAsync(string path, string seconds, string[] video, string[]? audio = null)
    {
        var run = await ExternalTool.RunAsync("ffmpeg", ["-v", "error", "-f", "lavfi", "-i", "testsrc2=size=320x180:rate=24", "-f", "lavfi", "-i", "sine=frequency=440",
            "-t", seconds, .. video, "-c:a", .. audio ?? ["aac", "-b:a", "64k"], "-movflags", "+faststart", path], TimeSpan.FromMinutes(2));
        if (run.ExitCode != 0) throw new InvalidOperationException($"ffmpeg could not make {Path.GetFileName(path)}: {run.Error}");
    }
}
