using System.CommandLine;
using System.Globalization;
using Origin.Cli.Inspection;
using Origin.Cli.Locations;
using Origin.Media.Index;

namespace Origin.Cli.Commands;

/// <summary><c>inspect</c>: the box tree of any MP4, then a summary of its tracks as the origin indexes them.</summary>
public static class InspectCommand
{
    public static Command Create(ToolContext context)
    {
        var input = new Argument<string>("input") { Description = "An MP4 (local path, s3://, az://, https://)" };
        var fragments = new Option<bool>("--fragments") { Description = "Print every moof, not only the first three" };
        var command = new Command("inspect", "Print an MP4's box tree and track summary") { input, fragments };
        command.SetAction(async (parse, ct) =>
        {
            var location = Location.Parse(parse.GetValue(input)!);
            var file = await context.Storage.OpenAsync(location, ct);
            await BoxTreePrinter.PrintAsync(file, context.Output, parse.GetValue(fragments), ct);
            var index = await MediaIndexReader.ReadAsync(file, ct, context.Storage.StorageOf(location));
            await context.Output.WriteLineAsync();
            foreach (var track in index.Tracks) await context.Output.WriteLineAsync(Summary(track));
            return 0;
        });
        return command;
    }

    static string Summary(TrackIndex t)
    {
        var text = FormattableString.Invariant($"track {t.TrackId}: {t.Kind.ToString().ToLowerInvariant()} {t.Codec.Codecs}");
        if (t.Kind == TrackKind.Video) text += FormattableString.Invariant($" {t.Codec.Width}x{t.Codec.Height} {t.FrameRate:0.###} fps");
        if (t.Kind == TrackKind.Audio) text += FormattableString.Invariant($" {t.Codec.SampleRate} Hz {t.Codec.Channels} ch");
        text += FormattableString.Invariant($", language {t.Language}, {t.Duration / (double)t.Timescale:0.000} s, {t.AverageBitrate / 1000} kb/s");
        text += t.Fragments is { } f ? FormattableString.Invariant($", {f.Count} fragments") : FormattableString.Invariant($", {t.Samples!.Count} samples");
        if (t.Data is { } data) text += string.Create(CultureInfo.InvariantCulture, $", samples in {data.Path}");
        return text;
    }
}
