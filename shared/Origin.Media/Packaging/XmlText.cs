using System.Globalization;
using System.Text;
using System.Xml;

namespace Origin.Media.Packaging;

/// <summary>Writes manifests as UTF-8 XML with stable formatting, so output is byte-identical across instances.</summary>
internal static class XmlText
{
    public static string Write(Action<XmlWriter> write)
    {
        var text = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", Encoding = new UTF8Encoding(false) };
        using (var writer = XmlWriter.Create(new Utf8StringWriter(text), settings))
        {
            writer.WriteStartDocument();
            write(writer);
            writer.WriteEndDocument();
        }
        return text.Append('\n').ToString();
    }

    public static void Attribute(this XmlWriter writer, string name, long value) =>
        writer.WriteAttributeString(name, value.ToString(CultureInfo.InvariantCulture));

    sealed class Utf8StringWriter(StringBuilder builder) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
