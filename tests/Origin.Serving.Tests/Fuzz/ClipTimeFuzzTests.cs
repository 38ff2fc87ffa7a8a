using System.Text;
using Origin.Serving.Options.Clips;
using Origin.Testing;

namespace Origin.Serving.Tests.Fuzz;

/// <summary>Mutated clip times: the parser reads or refuses with a reason (never an exception, never a negative
/// time), and what it reads reads back the same from its canonical form.</summary>
[Trait("Category", "Fuzz")]
public class ClipTimeFuzzTests
{
    static readonly Fuzzer.Seed[] Seeds =
    [
        .. new[] { "90.25", "00:01:30.250", "01:30", "PT1M30.25S", "P1DT2H3M4.5S", "0.0000001" }
            .Select(e => (Fuzzer.Seed)Encoding.UTF8.GetBytes(e)),
    ];

    static Task<bool> Check(byte[] input)
    {
        var text = Encoding.UTF8.GetString(input);
        if (!ClipTime.TryParse(text, out var ticks, out var reason))
        {
            Assert.False(string.IsNullOrEmpty(reason));
            return Task.FromResult(false);
        }
        Assert.True(ticks >= 0);
        Assert.True(ClipTime.TryParse(ClipTime.Format(ticks), out var again, out _));
        Assert.Equal(ticks, again);
        return Task.FromResult(true);
    }

    [Fact]
    public Task The_clip_time_parser_survives_mutated_times() =>
        Fuzzer.RunAsync("Origin.Serving.Tests", "clip-times", Seeds, Fuzzer.Iterations(20000), Check);
}
