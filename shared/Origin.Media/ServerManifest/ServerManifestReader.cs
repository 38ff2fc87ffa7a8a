using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace Origin.Media.ServerManifest;

/// <summary>Reads .ism files. No DTDs, no external entities, a size cap: a manifest is data from anyone's upload or CMS.</summary>
public static class ServerManifestReader
{
    public const int MaxBytes = 4 << 20;

    public static ServerManifest Read(Stream stream)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxBytes,
            IgnoreComments = true,
        };
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(stream, settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new ServerManifestException($"not a valid SMIL document: {e.Message}");
        }
        return Read(document);
    }

    public static ServerManifest Read(XDocument document)
    {
        var root = document.Root;
        if (root is null || root.Name.LocalName != "smil") throw new ServerManifestException("the root element is not <smil>");

        var metas = Metas(Children(root, "head", "meta"));
        var groups = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var group in Children(root, "head", "paramGroup"))
        {
            if (group.Attribute("id")?.Value is not { Length: > 0 } id) throw new ServerManifestException("a <paramGroup> has no id");
            if (groups.ContainsKey(id)) throw new ServerManifestException($"paramGroup {id} is given twice");
            groups[id] = Metas(group.Elements().Where(e => e.Name.LocalName == "meta"));
        }

        var tracks = new List<ServerManifestTrack>();
        foreach (var element in Children(root, "body", "switch"))
        {
            foreach (var trackElement in element.Elements())
            {
                ServerManifestTrackKind? kind = trackElement.Name.LocalName switch
                {
                    "video" => ServerManifestTrackKind.Video,
                    "audio" => ServerManifestTrackKind.Audio,
                    "textstream" => ServerManifestTrackKind.TextStream,
                    _ => null,
                };
                if (kind is null) continue;
                tracks.Add(ReadTrack(kind.Value, trackElement));
            }
        }
        if (tracks.Count == 0) throw new ServerManifestException("the manifest lists no tracks");
        return new ServerManifest { Metas = metas, ParamGroups = groups, Tracks = tracks };
    }

    static Dictionary<string, string> Metas(IEnumerable<XElement> elements)
    {
        var metas = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var meta in elements)
            if (meta.Attribute("name")?.Value is { Length: > 0 } name) metas[name] = meta.Attribute("content")?.Value ?? "";
        return metas;
    }

    static ServerManifestTrack ReadTrack(ServerManifestTrackKind kind, XElement element)
    {
        var source = element.Attribute("src")?.Value;
        if (string.IsNullOrWhiteSpace(source)) throw new ServerManifestException($"a <{element.Name.LocalName}> has no src");
        long bitrate = 0;
        if (element.Attribute("systemBitrate")?.Value is { } text &&
            (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out bitrate) || bitrate < 0))
            throw new ServerManifestException($"systemBitrate \"{text}\" is not a number");

        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var param in element.Elements())
            if (param.Name.LocalName == "param" && param.Attribute("name")?.Value is { Length: > 0 } name)
                parameters.Add(new(name, param.Attribute("value")?.Value ?? ""));

        uint? trackId = null;
        if (Param(parameters, "trackID") is { } id)
            trackId = uint.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed : throw new ServerManifestException($"trackID \"{id}\" is not a number");
        return new ServerManifestTrack
        {
            Kind = kind,
            Source = source.Trim(),
            SystemBitrate = bitrate,
            TrackId = trackId,
            TrackName = Param(parameters, "trackName"),
            SystemLanguage = Param(parameters, "systemLanguage") ?? element.Attribute("systemLanguage")?.Value,
            Params = parameters,
        };
    }

    static string? Param(List<KeyValuePair<string, string>> parameters, string name)
    {
        foreach (var (key, value) in parameters)
            if (key.Equals(name, StringComparison.OrdinalIgnoreCase)) return value;
        return null;
    }

    static IEnumerable<XElement> Children(XElement root, string section, string name)
    {
        foreach (var part in root.Elements())
            if (part.Name.LocalName == section)
                foreach (var child in part.Elements())
                    if (child.Name.LocalName == name) yield return child;
    }
}

public sealed class ServerManifestException(string message) : Exception(message);
