using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Origin.Cli.Commands;
using Origin.Cli.Locations;
using Origin.Media.Bytes;
using Origin.Media.ServerManifest;
using Origin.Storage;
using Spectre.Console;

namespace Origin.Cli;

/// <summary>
/// Prepares content for the origin, like mp4split: index MP4s that point at their media, server manifests that list
/// them, and a readable dump of any MP4. Every failure is one line on stderr and a non-zero exit code: 1 for bad
/// input (not an MP4, truncated, a missing file), 2 for a wrong command line.
/// </summary>
public static class OriginTool
{
    public const int BadInput = 1, BadUsage = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, IConfiguration? configuration = null, CancellationToken ct = default)
    {
        configuration ??= new ConfigurationBuilder().AddEnvironmentVariables().Build();
        using var storage = new StorageAccess(configuration);
        bool interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        var context = new ToolContext(output, storage, interactive);

        var root = new RootCommand("Prepares MP4 content for the origin: index files, server manifests, inspection.");
        root.Subcommands.Add(IndexCommand.Create(context));
        root.Subcommands.Add(ManifestCommand.Create(context));
        root.Subcommands.Add(InspectCommand.Create(context));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) await error.WriteLineAsync($"error: {e.Message}");
            return BadUsage;
        }
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, ct);
        }
        catch (Exception e) when (Reason(e) is { } reason)
        {
            await error.WriteLineAsync($"error: {reason.Message}");
            return reason.Code;
        }
    }

    /// <summary>A one-line reason for the failures input can cause; anything else is a bug and keeps its stack trace.</summary>
    static (string Message, int Code)? Reason(Exception e) => e switch
    {
        MediaFormatException m => ($"invalid MP4: {m.Message}", BadInput),
        ServerManifestException m => ($"invalid server manifest: {m.Message}", BadInput),
        FileNotFoundException or DirectoryNotFoundException => (e.Message, BadInput),
        StorageException s => ($"storage: {s.Message}", BadInput),
        Amazon.Runtime.AmazonServiceException or Azure.RequestFailedException or HttpRequestException => ($"storage: {e.Message.Split('\n')[0]}", BadInput),
        IOException or UnauthorizedAccessException => (e.Message, BadInput),
        ArgumentException => (e.Message, BadUsage),
        _ => null,
    };
}
