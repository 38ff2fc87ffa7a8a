namespace Origin.Media.Packaging.Naming;

/// <summary>
/// MP4 stores ISO 639-2/T codes; HLS wants RFC 5646 tags (the shortest ISO 639 code) and a human name.
/// A small table covers the common languages; others keep their three letters.
/// </summary>
public static class LanguageNames
{
    static readonly Dictionary<string, (string Tag, string Name)> Known = new(StringComparer.OrdinalIgnoreCase)
    {
        ["eng"] = ("en", "English"), ["fra"] = ("fr", "Français"), ["fre"] = ("fr", "Français"),
        ["deu"] = ("de", "Deutsch"), ["ger"] = ("de", "Deutsch"), ["spa"] = ("es", "Español"),
        ["ita"] = ("it", "Italiano"), ["nld"] = ("nl", "Nederlands"), ["dut"] = ("nl", "Nederlands"),
        ["por"] = ("pt", "Português"), ["jpn"] = ("ja", "日本語"), ["zho"] = ("zh", "中文"), ["chi"] = ("zh", "中文"),
        ["rus"] = ("ru", "Русский"), ["kor"] = ("ko", "한국어"), ["ara"] = ("ar", "العربية"), ["hin"] = ("hi", "हिन्दी"),
        ["swe"] = ("sv", "Svenska"), ["nor"] = ("no", "Norsk"), ["dan"] = ("da", "Dansk"), ["fin"] = ("fi", "Suomi"),
        ["pol"] = ("pl", "Polski"), ["tur"] = ("tr", "Türkçe"),
    };

    /// <summary>
    /// The ISO 639-2 code for an RFC 5646 tag ("en", "en-GB" → "eng"), as tracks keep languages; a three-letter tag
    /// stays as it is, an unknown one is undetermined.
    /// </summary>
    public static string FromTag(string tag)
    {
        var primary = tag.Split('-', '_')[0].ToLowerInvariant();
        if (primary.Length == 3 && primary.All(char.IsAsciiLetterLower)) return primary;
        foreach (var (code, known) in Known)
            if (known.Tag == primary) return code;
        return "und";
    }

    public static bool IsDetermined(string language) => language.Length > 0 && language != "und";

    public static string Tag(string language) => Known.TryGetValue(language, out var known) ? known.Tag : language;

    public static string DisplayName(string language, string fallback) => Known.TryGetValue(language, out var known) ? known.Name : fallback;
}
