using Microsoft.Extensions.Configuration;
using Origin.Cli;

namespace Origin.Serving.Tests.Support;

/// <summary>Runs origin-tool in-process, as its command line would, capturing what it prints.</summary>
public static class ToolRunner
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(IReadOnlyDictionary<string, string?>? settings, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        int code = await OriginTool.RunAsync(args, output, error, configuration);
        return new Result(code, output.ToString(), error.ToString());
    }

    public static Task<Result> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>Runs it and fails the test, showing stderr, unless it succeeded.</summary>
    public static async Task<Result> SucceedAsync(IReadOnlyDictionary<string, string?>? settings, params string[] args)
    {
        var result = await RunAsync(settings, args);
        Assert.True(result.ExitCode == 0, $"origin-tool {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        return result;
    }
}
