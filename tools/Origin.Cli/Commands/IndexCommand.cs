using System.CommandLine;
using System.Globalization;
using Origin.Cli.Locations;
using Origin.Media.Index;
using Origin.Media.Preparation;

namespace Origin.Cli.Commands;

/// <summary>
/// <c>index</c>: writes index MP4s (metadata only, data references to the media). By default one per input, named
/// <c>x-index.mp4</c> beside it; <c>--per-track</c> one per track; <c>-o</c> one file holding every input's tracks.
/// </summary>
public static class IndexCommand
{
    public static Command Create(ToolContext context)
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Media files (local paths, s3://, az://, https://)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "Write one index holding every input's tracks here" };
        var perTrack = new Option<bool>("--per-track") { Description = "Write one index per track: x-track1-index.mp4, …" };
        var command = new Command("index", "Write index MP4s whose data references point at the media") { inputs, output, perTrack };
        command.SetAction(async (parse, ct) =>
        {
            var files = parse.GetValue(inputs)!.Select(Location.Parse).ToList();
            var target = parse.GetValue(output) is { } o ? Location.Parse(o) : null;
            if (target is not null && parse.GetValue(perTrack)) throw new ArgumentException("--per-track writes one file per track; it cannot be combined with --output");

            if (target is not null)
            {
                var sources = new List<IndexSource>();
                foreach (var file in files) sources.Add(new(await context.Storage.OpenAsync(file, ct), target.ReferenceTo(file)));
                await WriteAsync(context, target, sources, ct);
                return 0;
            }
            foreach (var file in files)
            {
                var media = await context.Storage.OpenAsync(file, ct);
                if (!parse.GetValue(perTrack))
                {
                    var index = file.Sibling(file.Stem + "-index.mp4");
                    await WriteAsync(context, index, [new(media, index.ReferenceTo(file))], ct);
                    continue;
                }
                foreach (var track in (await MediaIndexReader.ReadAsync(media, ct)).Tracks)
                {
                    var index = file.Sibling(string.Create(CultureInfo.InvariantCulture, $"{file.Stem}-track{track.TrackId}-index.mp4"));
                    await WriteAsync(context, index, [new(media, index.ReferenceTo(file), [track.TrackId])], ct);
                }
            }
            return 0;
        });
        return command;
    }

    static async Task WriteAsync(ToolContext context, Location target, IReadOnlyList<IndexSource> sources, CancellationToken ct)
    {
        var bytes = await context.Progress.RunAsync($"indexing {target.Name}", progress => IndexFileWriter.WriteAsync(sources, progress, ct));
        await context.Storage.WriteAsync(target, bytes, ct);
        long media = sources.Sum(s => s.Media.Info.Length);
        await context.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"wrote {target} ({bytes.Length:N0} bytes for {media:N0} bytes of media, {bytes.Length * 100.0 / media:0.00}%)"));
    }
}
