using System.Globalization;
using System.Text;

namespace Origin.Serving.Options.Filters;

/// <summary>A filter expression that does not parse: what is wrong and where (1-based character position).</summary>
public sealed class TrackFilterException(string message, int position) : Exception($"{message} at position {position}")
{
    public int Position { get; } = position;
}

/// <summary>
/// Parses a filter expression by recursive descent, without allocating more than the text's length suggests:
///   or := and ('||' and)* ; and := unary ('&amp;&amp;' unary)* ; unary := '!' unary | '(' or ')' | comparison ;
///   comparison := attribute ('==' | '!=' | '&lt;' | '&lt;=' | '&gt;' | '&gt;=') literal ; literal := "text" | number.
/// Attributes are typed: text ones compare with == and != only, numeric ones with numbers.
/// </summary>
public sealed class TrackFilterParser
{
    public const int MaxLength = 2048;
    const int MaxDepth = 32;

    readonly string _text;
    int _at, _depth;

    TrackFilterParser(string text) => _text = text;

    public static TrackFilter Parse(string text)
    {
        if (text.Length > MaxLength) throw new TrackFilterException($"the expression is longer than {MaxLength} characters", MaxLength + 1);
        var parser = new TrackFilterParser(text);
        var filter = parser.Or();
        parser.SkipSpaces();
        if (parser._at < text.Length) throw parser.Error($"unexpected '{text[parser._at]}'");
        return filter;
    }

    TrackFilter Or()
    {
        var left = And();
        while (Take("||")) left = new TrackFilter.Or(left, And());
        return left;
    }

    TrackFilter And()
    {
        var left = Unary();
        while (Take("&&")) left = new TrackFilter.And(left, Unary());
        return left;
    }

    TrackFilter Unary()
    {
        if (++_depth > MaxDepth) throw Error($"nested deeper than {MaxDepth}");
        try
        {
            SkipSpaces();
            if (Take("!")) return new TrackFilter.Not(Unary());
            if (Take("("))
            {
                var inner = Or();
                if (!Take(")")) throw Error(_at < _text.Length ? $"expected ')' but found '{_text[_at]}'" : "expected ')'");
                return inner;
            }
            return Comparison();
        }
        finally { _depth--; }
    }

    TrackFilter Comparison()
    {
        SkipSpaces();
        int start = _at;
        while (_at < _text.Length && (char.IsAsciiLetterOrDigit(_text[_at]) || _text[_at] == '_')) _at++;
        if (_at == start) throw Error(_at < _text.Length ? $"expected an attribute but found '{_text[_at]}'" : "expected an attribute");
        var name = _text[start.._at];
        if (!TrackAttribute.All.TryGetValue(name, out var attribute))
        {
            _at = start;
            throw Error($"unknown attribute '{name}' (one of {string.Join(", ", TrackAttribute.All.Keys)})");
        }
        SkipSpaces();
        int opAt = _at;
        string op = Take("==") ? "==" : Take("!=") ? "!=" : Take("<=") ? "<=" : Take(">=") ? ">=" : Take("<") ? "<" : Take(">") ? ">" : "";
        if (op.Length == 0) throw Error($"expected a comparison (==, !=, <, <=, >, >=) after {name}");
        SkipSpaces();
        int literalAt = _at;
        if (_at < _text.Length && _text[_at] == '"')
        {
            var value = Text();
            if (attribute.IsNumber) { _at = literalAt; throw Error($"{name} is a number, not text"); }
            if (op is not ("==" or "!=")) { _at = opAt; throw Error($"text compares with == or != only, not {op}"); }
            return new TrackFilter.TextComparison(attribute, op == "==", value);
        }
        var number = Number();
        if (!attribute.IsNumber) { _at = literalAt; throw Error($"{name} is text: write the value in double quotes"); }
        return new TrackFilter.NumberComparison(attribute, op, number);
    }

    string Text()
    {
        _at++; // the opening quote
        var value = new StringBuilder();
        while (_at < _text.Length && _text[_at] != '"')
        {
            if (_text[_at] == '\\' && _at + 1 < _text.Length) _at++;
            value.Append(_text[_at++]);
        }
        if (_at >= _text.Length) throw Error("unterminated text (a closing \" is missing)");
        _at++;
        return value.ToString();
    }

    double Number()
    {
        int start = _at;
        while (_at < _text.Length && (char.IsAsciiDigit(_text[_at]) || _text[_at] == '.')) _at++;
        if (_at == start) throw Error(_at < _text.Length ? $"expected a value but found '{_text[_at]}'" : "expected a value");
        if (!double.TryParse(_text.AsSpan(start, _at - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value > 1e15)
        {
            _at = start;
            throw Error("not a number");
        }
        return value;
    }

    bool Take(string token)
    {
        SkipSpaces();
        if (string.CompareOrdinal(_text, _at, token, 0, token.Length) != 0) return false;
        _at += token.Length;
        return true;
    }

    void SkipSpaces()
    {
        while (_at < _text.Length && _text[_at] == ' ') _at++;
    }

    TrackFilterException Error(string message) => new(message, _at + 1);
}
