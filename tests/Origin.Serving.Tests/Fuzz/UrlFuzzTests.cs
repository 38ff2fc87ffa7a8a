using System.Text;
using Origin.Serving.Routing;
using Origin.Serving.Tests.Support;
using Origin.Testing;

namespace Origin.Serving.Tests.Fuzz;

/// <summary>Mutated origin URLs: the parser never throws, and the running origin never answers 500.</summary>
[Trait("Category", "Fuzz")]
[Collection(SampleOriginCollection.Name)]
public class UrlFuzzTests(SampleOriginFixture fixture)
{
    const string Project = "Origin.Serving.Tests";

    static readonly Fuzzer.Seed[] Seeds =
    [
        .. new[]
        {
            "demo.ism/.m3u8", "demo.ism/demo-video=300000-3.m4s", "demo.ism/dash/demo-audio=64000-40000000.dash",
            "demo.ism/QualityLevels(300000)/Fragments(video=20000000)", "a/b/progressive.mp4/progressive-video=402263.m3u8",
        }.Select(u => (Fuzzer.Seed)Encoding.UTF8.GetBytes(u)),
    ];

    static Task<bool> CheckParser(byte[] input)
    {
        var result = OriginUrlParser.Parse(Encoding.UTF8.GetString(input));
        Assert.True(result.Request is not null || (result.Status is >= 400 and < 500 && !string.IsNullOrEmpty(result.Reason)));
        return Task.FromResult(result.Request is not null);
    }

    [Fact]
    public Task The_url_parser_survives_mutated_urls() => Fuzzer.RunAsync(Project, "urls", Seeds, Fuzzer.Iterations(20000), CheckParser);

    [Fact]
    public async Task The_origin_never_answers_500_to_mutated_urls()
    {
        var random = new Random(5);
        int iterations = Math.Min(Fuzzer.Iterations(300), 5000);
        for (int i = 0; i < iterations; i++)
        {
            var path = Encoding.UTF8.GetString(Fuzzer.Mutate(Seeds[i % Seeds.Length], random));
            if (!Uri.TryCreate(fixture.Server.BaseUrl + "/vod/" + Uri.EscapeDataString(path).Replace("%2F", "/"), UriKind.Absolute, out var uri)) continue;
            using var response = await fixture.Server.Client.GetAsync(uri);
            Assert.True((int)response.StatusCode < 500 || (int)response.StatusCode is 502 or 503 or 504, $"{(int)response.StatusCode} for {uri}");
        }
    }
}
