using System.Text.RegularExpressions;

namespace Origin.Serving.Tests.Support;

/// <summary>What a response's Server-Timing says it cost: storage reads and bytes, and where its index came from.</summary>
public readonly record struct RequestCost(long Reads, long Bytes, string? Index);

public static partial class ServerTiming
{
    public static RequestCost Of(HttpResponseMessage response)
    {
        var timing = response.Headers.GetValues("Server-Timing").Single();
        var storage = Storage().Match(timing);
        Assert.True(storage.Success, timing);
        return new RequestCost(long.Parse(storage.Groups[1].Value), long.Parse(storage.Groups[2].Value),
            Index().Match(timing) is { Success: true } index ? index.Groups[1].Value : null);
    }

    /// <summary>GETs <paramref name="path"/>, which must succeed, and reads its cost.</summary>
    public static async Task<RequestCost> CostAsync(OriginServer server, string path)
    {
        using var response = await server.Client.GetAsync(path);
        response.EnsureSuccessStatusCode();
        return Of(response);
    }

    [GeneratedRegex("desc=\"(\\d+) reads, (\\d+) bytes\"")]
    private static partial Regex Storage();

    [GeneratedRegex("index;desc=\"(\\w+)\"")]
    private static partial Regex Index();
}
