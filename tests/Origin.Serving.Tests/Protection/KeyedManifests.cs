namespace Origin.Serving.Tests.Protection;

/// <summary>Server manifests for the protection tests: a sample one with DRM markup added to its head.</summary>
static class KeyedManifests
{
    /// <summary>The progressive sample's audio and video as a server manifest with an empty head.</summary>
    public const string Progressive = """
        <?xml version="1.0" encoding="utf-8"?>
        <smil xmlns="http://www.w3.org/2001/SMIL20/Language"><head></head><body><switch>
          <video src="progressive.mp4"><param name="trackName" value="video" valuetype="data" /></video>
          <audio src="progressive.mp4"><param name="trackName" value="audio" valuetype="data" /></audio>
        </switch></body></smil>
        """;

    public static string WithHead(string ism, string markup) => ism.Replace("<head>", "<head>\n    " + markup);

    /// <summary>A copy of every sample file in a new folder, where the tests add their manifests.</summary>
    public static string CopySamples(string name)
    {
        var folder = Directory.CreateTempSubdirectory(name).FullName;
        foreach (var file in Directory.GetFiles(Origin.Testing.RepositoryFiles.Samples)) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        return folder;
    }
}
