using System.Text;
using Origin.Serving.Options.Filters;
using Origin.Testing;

namespace Origin.Serving.Tests.Fuzz;

/// <summary>Mutated filter expressions: the parser parses or refuses with a position inside the text (never another
/// exception, never a stack overflow), and what parses reparses from its canonical form to the same form.</summary>
[Trait("Category", "Fuzz")]
public class TrackFilterFuzzTests
{
    static readonly Fuzzer.Seed[] Seeds =
    [
        .. new[]
        {
            "(type==\"audio\"&&systemBitrate<100000)||(type!=\"audio\")", "!(MaxHeight>720)&&FourCC==\"AVC1\"",
            "systemLanguage==\"eng\" || trackName != \"a \\\"b\\\"\"", "((((MaxWidth<=1280))))",
        }.Select(e => (Fuzzer.Seed)Encoding.UTF8.GetBytes(e)),
    ];

    static Task<bool> Check(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        try
        {
            var canonical = TrackFilterParser.Parse(text).Canonical;
            Assert.Equal(canonical, TrackFilterParser.Parse(canonical).Canonical);
            return Task.FromResult(true);
        }
        catch (TrackFilterException e)
        {
            Assert.InRange(e.Position, 1, Math.Max(text.Length, TrackFilterParser.MaxLength) + 1);
            return Task.FromResult(false);
        }
    }

    [Fact]
    public Task The_filter_parser_survives_mutated_expressions() =>
        Fuzzer.RunAsync("Origin.Serving.Tests", "filters", Seeds, Fuzzer.Iterations(20000), Check);
}
