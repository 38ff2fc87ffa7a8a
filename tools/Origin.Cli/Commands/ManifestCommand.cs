using System.CommandLine;
using Origin.Cli.Locations;
using Origin.Media.Index;
using Origin.Media.Presentation;
using Origin.Media.ServerManifest;

namespace Origin.Cli.Commands;

/// <summary>
/// <c>manifest</c>: writes a server manifest (.ism) listing every audio and video track of the given media or index
/// files, with systemBitrate, trackID, trackName and systemLanguage read from the files. Index files are read the
/// way the origin reads them, so a missing media file fails here rather than at the first request.
/// </summary>
public static class ManifestCommand
{
    public static Command Create(ToolContext context)
    {
        var inputs = new Argument<string[]>("inputs") { Description = "Media or index MP4s (local paths, s3://, az://, https://)", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "The .ism to write", Required = true };
        var command = new Command("manifest", "Write a server manifest (.ism) listing the files' tracks") { inputs, output };
        command.SetAction(async (parse, ct) =>
        {
            var target = Location.Parse(parse.GetValue(output)!);
            var indexed = new List<(Location File, TrackIndex Track)>();
            foreach (var file in parse.GetValue(inputs)!.Select(Location.Parse))
            {
                var source = await context.Storage.OpenAsync(file, ct);
                var index = await MediaIndexReader.ReadAsync(source, ct, context.Storage.StorageOf(file));
                foreach (var track in index.Tracks)
                    if (track.Kind != TrackKind.Text) indexed.Add((file, track));
            }
            if (indexed.Count == 0) throw new ArgumentException("the inputs have no audio or video track");

            var audioLanguages = indexed.Where(t => t.Track.Kind == TrackKind.Audio).Select(t => t.Track.Language).Distinct().Count();
            var tracks = indexed.Select(t => new ServerManifestTrack
            {
                Kind = t.Track.Kind == TrackKind.Video ? ServerManifestTrackKind.Video : ServerManifestTrackKind.Audio,
                Source = target.ReferenceTo(t.File),
                SystemBitrate = t.Track.Bitrate,
                TrackId = t.Track.TrackId,
                TrackName = PresentationBuilder.DefaultName(t.Track.Kind, t.Track.Language, audioLanguages > 1),
                SystemLanguage = t.Track.Language is "und" or "" ? null : t.Track.Language,
            }).ToList();
            var text = ServerManifestWriter.Write(new ServerManifest { Tracks = tracks });
            await context.Storage.WriteAsync(target, System.Text.Encoding.UTF8.GetBytes(text), ct);
            await context.Output.WriteLineAsync($"wrote {target} ({tracks.Count} tracks)");
            return 0;
        });
        return command;
    }
}
