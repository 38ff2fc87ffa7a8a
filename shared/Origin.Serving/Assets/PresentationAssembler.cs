using System.Globalization;
using Origin.Media.Bytes;
using Origin.Media.Index;
using Origin.Media.Presentation;
using Origin.Media.ServerManifest;
using Origin.Serving.Caching;
using Origin.Serving.Configuration;
using Origin.Storage;

namespace Origin.Serving.Assets;

/// <summary>A source a server manifest entry names: where it is, already opened (or attached).</summary>
public readonly record struct LocatedSource(IMediaStorage Storage, IStorageObject Object);

/// <summary>A presentation and the indexes it was built from.</summary>
public sealed record AssembledPresentation(Presentation Presentation, IReadOnlyList<IndexUse> Indexes);

/// <summary>
/// Builds presentations from a server manifest (each entry's source located by the caller: the mount's storage,
/// or wherever a proxied manifest points) or from a lone MP4, and turns malformed input into a 502 with a reason.
/// </summary>
public sealed class PresentationAssembler(OriginOptions options, IndexStore indexes)
{
    public async Task<AssembledPresentation> FromManifestAsync(string name, ServerManifest manifest, Fingerprint fingerprint,
        Func<ServerManifestTrack, Task<LocatedSource>> locate, int? manifestMaxAge = null)
    {
        var selected = new List<PresentationBuilder.Selected>();
        var used = new List<IndexUse>();
        try
        {
            // Every source is located and indexed at once, so a cold asset waits for its slowest source, not for
            // the sum of them; the tracks are then taken in the manifest's order.
            var located = await Task.WhenAll(manifest.Tracks.Select(async entry =>
            {
                var (storage, source) = await locate(entry);
                return (Entry: entry, Storage: storage, Source: source, Index: await indexes.GetAsync(storage, source));
            }));
            foreach (var (entry, storage, source, index) in located)
            {
                var track = PresentationBuilder.SelectTrack(index, entry)
                    ?? throw new OriginProblem(502, $"{StoragePaths.ForDisplay(entry.Source)} has no track {entry.TrackId?.ToString(CultureInfo.InvariantCulture) ?? entry.Kind.ToString().ToLowerInvariant()}");
                if (track.Kind == TrackKind.Text && track.Subtitles is null) continue; // text tracks inside MP4s are not packaged yet
                selected.Add(new(track, storage, source.Path, source.Info, entry));
                used.Add(new IndexUse(storage, source.Path, source.Info.Validator, track.Data is not null));
                fingerprint = fingerprint.Add(storage.Description).Add(source.Path).Add(source.Info.Validator).Add(track.Data?.Info.Validator ?? "");
            }
        }
        catch (MediaFormatException e)
        {
            throw new OriginProblem(502, $"invalid media: {e.Message}");
        }
        return new(Build(name, manifest, selected, fingerprint, manifestMaxAge), used);
    }

    public async Task<AssembledPresentation> FromMediaAsync(string name, IMediaStorage storage, IStorageObject media, Fingerprint fingerprint, int? manifestMaxAge = null)
    {
        var selected = new List<PresentationBuilder.Selected>();
        bool mediaElsewhere = false;
        try
        {
            var index = await indexes.GetAsync(storage, media);
            foreach (var track in index.Tracks)
            {
                if (track.Kind == TrackKind.Text) continue;
                selected.Add(new(track, storage, media.Path, media.Info, null));
                mediaElsewhere |= track.Data is not null;
                fingerprint = fingerprint.Add(track.Data?.Info.Validator ?? "");
            }
        }
        catch (MediaFormatException e)
        {
            throw new OriginProblem(502, $"invalid media: {e.Message}");
        }
        return new(Build(name, null, selected, fingerprint.Add(storage.Description).Add(media.Path).Add(media.Info.Validator), manifestMaxAge),
            [new IndexUse(storage, media.Path, media.Info.Validator, mediaElsewhere)]);
    }

    Presentation Build(string name, ServerManifest? manifest, List<PresentationBuilder.Selected> selected, Fingerprint fingerprint, int? manifestMaxAge)
    {
        if (selected.Count == 0) throw new OriginProblem(502, "the asset has no audio or video track");
        fingerprint = fingerprint.Add(options.Packaging.TargetSegmentSeconds.ToString("R", CultureInfo.InvariantCulture));
        try
        {
            return PresentationBuilder.Build(name, manifest, selected, options.Packaging, fingerprint.ToHex(), manifestMaxAge);
        }
        catch (ServerManifestException e)
        {
            throw new OriginProblem(502, $"invalid server manifest: {e.Message}");
        }
    }

    public static ServerManifest ParseManifest(byte[] bytes, int length)
    {
        try
        {
            using var stream = new MemoryStream(bytes, 0, length);
            return ServerManifestReader.Read(stream);
        }
        catch (ServerManifestException e)
        {
            throw new OriginProblem(502, $"invalid server manifest: {e.Message}");
        }
    }
}
