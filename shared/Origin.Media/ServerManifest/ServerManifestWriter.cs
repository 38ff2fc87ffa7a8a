using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Origin.Media.ServerManifest;

/// <summary>Writes .ism files in the SMIL 2.0 form that Unified Origin and IIS Media Services read.</summary>
public static class ServerManifestWriter
{
    static readonly XNamespace Smil = "http://www.w3.org/2001/SMIL20/Language";

    public static string Write(ServerManifest manifest)
    {
        var head = new XElement(Smil + "head");
        foreach (var (name, content) in manifest.Metas)
            head.Add(Meta(name, content));
        foreach (var (id, metas) in manifest.ParamGroups)
            head.Add(new XElement(Smil + "paramGroup", new XAttribute("id", id), metas.Select(m => Meta(m.Key, m.Value))));

        var switchElement = new XElement(Smil + "switch");
        foreach (var track in manifest.Tracks)
        {
            var element = new XElement(Smil + ElementName(track.Kind), new XAttribute("src", track.Source));
            if (track.SystemBitrate > 0)
                element.Add(new XAttribute("systemBitrate", track.SystemBitrate.ToString(CultureInfo.InvariantCulture)));
            foreach (var (name, value) in ParamsOf(track))
                element.Add(new XElement(Smil + "param", new XAttribute("name", name), new XAttribute("value", value), new XAttribute("valuetype", "data")));
            switchElement.Add(element);
        }

        var document = new XDocument(new XDeclaration("1.0", "utf-8", null),
            new XElement(Smil + "smil", head, new XElement(Smil + "body", switchElement)));
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(new Utf8StringWriter(text), new XmlWriterSettings { Indent = true, IndentChars = "  " }))
            document.Save(writer);
        return text.Append('\n').ToString();
    }

    static XElement Meta(string name, string content) => new(Smil + "meta", new XAttribute("name", name), new XAttribute("content", content));

    static string ElementName(ServerManifestTrackKind kind) => kind switch
    {
        ServerManifestTrackKind.Video => "video",
        ServerManifestTrackKind.Audio => "audio",
        _ => "textstream",
    };

    /// <summary>The params as read, or built from the typed fields for a manifest made in code.</summary>
    static IEnumerable<KeyValuePair<string, string>> ParamsOf(ServerManifestTrack track)
    {
        if (track.Params.Count > 0) return track.Params;
        var built = new List<KeyValuePair<string, string>>();
        if (track.TrackId is { } id) built.Add(new("trackID", id.ToString(CultureInfo.InvariantCulture)));
        if (track.TrackName is { } name) built.Add(new("trackName", name));
        if (track.SystemLanguage is { } language) built.Add(new("systemLanguage", language));
        return built;
    }

    sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
