using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Origin.Media.Bytes;
using Origin.Media.Index;
using Origin.Media.Packaging.Cenc;
using Origin.Media.Packaging.Dash;
using Origin.Media.Packaging.Fmp4;
using Origin.Media.Packaging;
using Origin.Media.Packaging.Hls;
using Origin.Media.Packaging.Naming;
using Origin.Media.Packaging.Smooth;
using Origin.Media.Packaging.Subtitles;
using Origin.Media.Packaging.Ts;
using Origin.Media.Presentation;
using Origin.Media.Protection;
using Origin.Serving.Assets;
using Origin.Serving.Caching;
using Origin.Serving.Configuration;
using Origin.Serving.Options;
using Origin.Serving.Routing;
using Origin.Storage;

namespace Origin.Serving.Responses;

/// <summary>
/// Answers one origin request: route → mount → asset → manifest or segment, with the caching headers a CDN needs.
/// Every expected failure becomes a status and a one-line reason.
/// </summary>
sealed partial class OriginResponder(MountTable mounts, AssetResolver assets, PresentationViews views, RenderedOutputs rendered, OriginOptions options,
    ILogger<OriginResponder> logger) : IOriginHandler
{
    public async Task HandleAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var statistics = StorageStatistics.Begin();
        var indexTier = IndexTierNote.Begin();
        var response = context.Response;
        response.Headers.AccessControlAllowOrigin = "*";
        response.Headers.AccessControlExposeHeaders = "Server-Timing, ETag, Content-Length";
        response.OnStarting(() =>
        {
            response.Headers["Server-Timing"] = ServerTiming(statistics, indexTier.Tier, started);
            return Task.CompletedTask;
        });
        try
        {
            await RouteAsync(context);
        }
        catch (OriginProblem problem) when (!response.HasStarted)
        {
            await FailAsync(context, problem.Status, problem.Message);
        }
        catch (StorageException e) when (!response.HasStarted)
        {
            int status = e.Status switch { StorageStatus.Timeout => 504, StorageStatus.Forbidden => 403, _ => 502 };
            await FailAsync(context, status, e.Message);
        }
        catch (MediaFormatException e) when (!response.HasStarted)
        {
            await FailAsync(context, 502, $"invalid media: {e.Message}");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e) when (response.HasStarted)
        {
            // Headers and part of the body are gone: cut the connection so no cache keeps a truncated object.
            LogAborted(logger, context.Request.Path, ProblemWriter.OneLine(e.Message));
            context.Abort();
        }
        finally
        {
            LogServed(logger, context.Request.Method, context.Request.Path, response.StatusCode, statistics.Reads, statistics.Bytes,
                indexTier.Tier, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
    }

    async Task RouteAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsOptions(request.Method))
        {
            context.Response.Headers.AccessControlAllowMethods = "GET, HEAD, OPTIONS";
            context.Response.Headers.AccessControlAllowHeaders = "*";
            context.Response.Headers.AccessControlMaxAge = "86400";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return;
        }
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
            throw new OriginProblem(405, "only GET and HEAD are served");

        var path = request.Path.Value ?? "/";
        if (mounts.Resolve(path) is not { } resolved) throw new OriginProblem(404, "no mount serves this path");
        var parsed = OriginUrlParser.Parse(resolved.Remainder);
        if (parsed.Request is not { } originRequest) throw new OriginProblem(parsed.Status, parsed.Reason!);
        // Options are checked before any storage is read: a malformed one costs nothing.
        originRequest = originRequest with { Options = RequestOptionsReader.FromQuery(request.QueryString.Value) };

        // The query a manifest's URLs carry is the one that selects the server manifest and the options, so the
        // manifest and each URL it references resolve the same ones.
        var links = resolved.Mount.Query.Select(request.QueryString.Value);
        var presentation = await ViewAsync(resolved.Mount, originRequest, links, context.RequestAborted);
        if (!presentation.IsPlayoutEnabled(originRequest.PlayoutMeta))
            throw new OriginProblem(404, $"{originRequest.Format} is switched off for this asset");
        // Keys mean the publisher wants the asset protected: a format not yet served encrypted is not served clear
        // unless its playout meta says "clear".
        var protection = SampleProtection(presentation, originRequest.Format);
        bool encrypted = protection is not null || (originRequest.Format == OutputFormat.Hls && presentation.HlsProtection is not null);
        if (presentation.HasKeys && !encrypted && !ServerManifestProtection.IsClear(presentation.ServerManifest, originRequest.PlayoutMeta))
            throw new OriginProblem(404, $"{originRequest.Format} is not served encrypted with these keys yet; {originRequest.PlayoutMeta}=clear serves it clear");

        if (originRequest.Kind == ResourceKind.Manifest)
        {
            await WriteRenderedAsync(context, Render(context, presentation, links, ContentTypes.ForManifest(originRequest.Format), ManifestMaxAge(presentation),
                () => Encoding.UTF8.GetBytes(originRequest.Format switch
                {
                    OutputFormat.Hls when presentation.HlsTransportStream => HlsTsPlaylists.Master(TransportStreamable(presentation), links),
                    OutputFormat.Hls => HlsMasterPlaylist.Write(presentation, links),
                    OutputFormat.Dash => DashManifest.Write(presentation, links),
                    _ => SmoothManifest.Write(presentation, links),
                })));
            return;
        }

        var track = TrackOf(presentation, originRequest) ?? throw new OriginProblem(404, $"no track {originRequest.TrackKey}");
        if (track.Index.Subtitles is not null)
        {
            await WriteSubtitlesAsync(context, presentation, track, originRequest, links);
            return;
        }
        if (originRequest.WebVtt) throw new OriginProblem(404, $"{originRequest.TrackKey} is not a subtitle track");
        switch (originRequest.Kind)
        {
            case ResourceKind.MediaPlaylist:
                await WriteRenderedAsync(context, Render(context, presentation, links, ContentTypes.Hls, ManifestMaxAge(presentation),
                    () => Encoding.UTF8.GetBytes(presentation.HlsTransportStream || originRequest.MuxedAudioKey is not null
                        ? HlsTsPlaylists.Media(TransportStreamable(presentation), track, MuxedAudio(presentation, originRequest), links)
                        : HlsMediaPlaylist.Write(presentation, track, links))));
                break;
            case ResourceKind.MediaSegment when originRequest.TransportStream:
                await WriteTsSegmentAsync(context, TransportStreamable(presentation), track, MuxedAudio(presentation, originRequest), originRequest, links);
                break;
            case ResourceKind.InitSegment:
                await WriteRenderedAsync(context, Render(context, presentation, links, ContentTypes.ForMedia(track.Kind), options.SegmentMaxAgeSeconds,
                    () => InitSegmentWriter.Write(track.Index, protection)));
                break;
            default:
                await WriteSegmentAsync(context, resolved.Mount, presentation, track, originRequest, links, protection);
                break;
        }
    }

    async Task WriteSegmentAsync(HttpContext context, Mount mount, Presentation presentation, PresentationTrack track, OriginRequest request, LinkQuery links,
        TrackProtection? protection)
    {
        int segment = SegmentIndex(track, request);
        if (NotModified(context, presentation, links, options.SegmentMaxAgeSeconds)) return;

        var style = new SegmentStyle(WithStyp: request.Format != OutputFormat.Smooth, WithSmoothTime: request.Format == OutputFormat.Smooth);
        Fmp4Segment prepared;
        try
        {
            prepared = await PrepareAsync(track, segment, style, protection, context.RequestAborted);
        }
        catch (StorageException e) when (e.Status is StorageStatus.Changed or StorageStatus.NotFound)
        {
            // The source was replaced since it was indexed: forget what was built from it and, once, start over
            // from fresh metadata within this request.
            assets.Invalidate(mount, request, links.Text);
            var fresh = await ViewAsync(mount, request, links, context.RequestAborted);
            if (TrackOf(fresh, request) is not { } freshTrack || segment >= freshTrack.Segments.Count)
                throw new OriginProblem(404, "the source changed and no longer has this segment");
            if (NotModified(context, fresh, links, options.SegmentMaxAgeSeconds)) return;
            (track, prepared) = (freshTrack, await PrepareAsync(freshTrack, segment, style, SampleProtection(fresh, request.Format), context.RequestAborted));
        }
        await using var _ = prepared;
        context.Response.ContentType = ContentTypes.ForMedia(track.Kind);
        await SendSegmentAsync(context, presentation, track, request, prepared);
    }

    /// <summary>
    /// Sends a segment: as it is, into the response's pipe, or, for HLS AES-128 outside the clear lead, encrypted
    /// whole as it goes out (its padded length known from the clear one).
    /// </summary>
    static async Task SendSegmentAsync(HttpContext context, Presentation presentation, PresentationTrack track, OriginRequest request, ISegmentBody body)
    {
        StorageStatistics.Current?.ExpectBodyReads(body.PendingReads, body.PendingBytes);
        var response = context.Response;
        var key = request.Format == OutputFormat.Hls && presentation.HlsProtection is HlsAes128 aes && !InClearLead(aes.ClearLeadSeconds, track, request.SegmentNumber - 1) ? aes : null;
        response.ContentLength = key is null ? body.ContentLength : Aes128SegmentStream.EncryptedLength(body.ContentLength);
        if (HttpMethods.IsHead(context.Request.Method)) return;
        if (key is null)
        {
            // Storage has answered the first range by now. Starting the response puts the headers in the pipe, so the
            // body's memory comes from the pipe itself; before the start Kestrel would lease memory and copy it over.
            await response.StartAsync(context.RequestAborted);
            await body.WriteToAsync(response.BodyWriter, context.RequestAborted);
            return;
        }
        await using var encrypted = new Aes128SegmentStream(response.Body, key.Key.Key, key.IvFor(request.SegmentNumber));
        await body.WriteToAsync(encrypted, context.RequestAborted);
        await encrypted.FinishAsync(context.RequestAborted);
    }

    /// <summary>
    /// A subtitle track's playlist, init segment or segments: made from its cues (no storage read), each kept with
    /// the rendered manifests. HLS gets WebVTT; DASH and Smooth TTML in fMP4.
    /// </summary>
    async Task WriteSubtitlesAsync(HttpContext context, Presentation presentation, PresentationTrack track, OriginRequest request, LinkQuery links)
    {
        if (request.Kind == ResourceKind.MediaPlaylist)
        {
            await WriteRenderedAsync(context, Render(context, presentation, links, ContentTypes.Hls, ManifestMaxAge(presentation),
                () => Encoding.UTF8.GetBytes(HlsSubtitleRenditions.Media(presentation, track, links))));
            return;
        }
        if (request.Kind == ResourceKind.InitSegment)
        {
            if (request.Format == OutputFormat.Hls) throw new OriginProblem(404, $"{request.TrackKey} is served as WebVTT");
            await WriteRenderedAsync(context, Render(context, presentation, links, ContentTypes.ForMedia(track.Kind), options.SegmentMaxAgeSeconds,
                () => InitSegmentWriter.Write(track.Index)));
            return;
        }
        if (request.Format == OutputFormat.Hls && !request.WebVtt) throw new OriginProblem(404, $"{request.TrackKey} is served as WebVTT");
        int segment = SegmentIndex(track, request);
        // Cue time 0 is presentation time 0, which MPEG-TS segments stamp with their offset and fMP4 with 0.
        long mpegTsAtZero = presentation.HlsTransportStream ? TsSegment.TimestampOffset : 0;
        var style = new SegmentStyle(WithStyp: request.Format != OutputFormat.Smooth, WithSmoothTime: request.Format == OutputFormat.Smooth);
        await WriteRenderedAsync(context, request.Format == OutputFormat.Hls
            ? Render(context, presentation, links, ContentTypes.WebVtt, options.SegmentMaxAgeSeconds, () => SubtitleSegments.WebVtt(track, segment, mpegTsAtZero))
            : Render(context, presentation, links, ContentTypes.ForMedia(track.Kind), options.SegmentMaxAgeSeconds, () => SubtitleSegments.Ttml(track, segment, style)));
    }

    /// <summary>The 0-based segment a URL names: by number in HLS, by start time in DASH and Smooth; a 404 if none.</summary>
    static int SegmentIndex(PresentationTrack track, OriginRequest request)
    {
        int segment = request.Format == OutputFormat.Hls ? request.SegmentNumber - 1 : track.Segments.IndexOfTime(request.SegmentTime);
        if (segment < 0 || segment >= track.Segments.Count)
            throw new OriginProblem(404, request.Format == OutputFormat.Hls ? $"no segment {request.SegmentNumber}" : $"no segment at time {request.SegmentTime}");
        return segment;
    }

    /// <summary>The presentation as this request's options, its server manifest's and its mount's show it.</summary>
    async Task<Presentation> ViewAsync(Mount mount, OriginRequest request, LinkQuery links, CancellationToken ct)
    {
        var presentation = await assets.ResolveAsync(mount, request, links.Text, ct);
        var options = RequestOptionsReader.FromManifest(presentation.ServerManifest?.Metas).Narrowed(request.Options);
        if (options.HlsFmp4 is null && mount.Options.HlsTransportStream) options = options with { HlsFmp4 = false };
        if (request.Format == OutputFormat.Smooth && options.Clip is not null) options = options with { ClipWholeFragments = true };
        return views.For(presentation, options);
    }

    /// <summary>
    /// The track a URL names: one of the view's, or a trick-play track, which only fMP4 HLS (its I-frame playlists)
    /// and DASH (its trick-mode set) offer.
    /// </summary>
    static PresentationTrack? TrackOf(Presentation presentation, OriginRequest request) =>
        presentation.FindTrack(request.TrackKey!)
        ?? (request.Format == OutputFormat.Dash
            || (request.Format == OutputFormat.Hls && !presentation.HlsTransportStream && !request.TransportStream && request.MuxedAudioKey is null)
                ? presentation.FindKeyframeTrack(request.TrackKey!) : null);

    /// <summary>The audio track a TS variant muxes in, named first in its URL.</summary>
    static PresentationTrack? MuxedAudio(Presentation presentation, OriginRequest request) =>
        request.MuxedAudioKey is { } key ? presentation.FindTrack(key) ?? throw new OriginProblem(404, $"no track {key}") : null;

    /// <summary>
    /// MPEG-TS carries clear, AES-128 and SAMPLE-AES HLS; SAMPLE-AES needs a key players fetch for TS (the hls or
    /// fairplay group's) and H.264 and AAC, the codecs it is served for here.
    /// </summary>
    static Presentation TransportStreamable(Presentation presentation)
    {
        // A .ts URL of a presentation whose playlists are fMP4 (no hls_fmp4=false with it) still gets TS's SAMPLE-AES.
        if (presentation.HlsProtection is HlsSampleAes) presentation = presentation.View(presentation.Tracks, presentation.Version, hlsTransportStream: true);
        if (presentation.HlsProtection is HlsSampleAes)
            throw new OriginProblem(404, $"SAMPLE-AES over MPEG-TS needs the key from the license_server_url of an hls or fairplay paramGroup; {RequestOptionsReader.HlsFmp4}=true serves this asset in fMP4");
        // Subtitles are served clear, as WebVTT: only the muxed tracks' codecs matter.
        if (presentation.HlsProtection is HlsSampleAesTs && presentation.Tracks.FirstOrDefault(t => t.Kind != TrackKind.Text && !SampleAesTsCodec(t.Index.Codec.Codecs)) is { } other)
            throw new OriginProblem(404, $"SAMPLE-AES over MPEG-TS is served for H.264 and AAC, not {other.Index.Codec.Codecs}; {RequestOptionsReader.HlsFmp4}=true serves this asset in fMP4");
        return presentation;
    }

    static bool SampleAesTsCodec(string codecs) => codecs.StartsWith("avc1.", StringComparison.Ordinal) || codecs.StartsWith("avc3.", StringComparison.Ordinal)
        || codecs.StartsWith("mp4a.", StringComparison.Ordinal);

    /// <summary>
    /// An MPEG-TS segment: the track's samples and the muxed audio's, its length planned from the index and its bytes
    /// muxed as the samples stream in; whole-segment AES-128 as for fMP4, or SAMPLE-AES within the samples.
    /// </summary>
    async Task WriteTsSegmentAsync(HttpContext context, Presentation presentation, PresentationTrack track, PresentationTrack? audio, OriginRequest request, LinkQuery links)
    {
        int segment = request.SegmentNumber - 1;
        if (segment >= track.Segments.Count) throw new OriginProblem(404, $"no segment {request.SegmentNumber}");
        if (NotModified(context, presentation, links, options.SegmentMaxAgeSeconds)) return;
        List<PresentationTrack> tracks = audio is not null && segment < audio.Segments.Count ? [track, audio] : [track];
        var encryption = presentation.HlsProtection is HlsSampleAesTs sampleAes && !InClearLead(sampleAes.ClearLeadSeconds, track, segment)
            ? new TsSampleEncryption(sampleAes.Key.Key, sampleAes.Iv) : null;
        await using var muxed = await TsSegment.PrepareAsync(tracks, segment, context.RequestAborted, encryption);
        context.Response.ContentType = ContentTypes.TransportStream;
        await SendSegmentAsync(context, presentation, track, request, muxed);
    }

    /// <summary>Manifests a CMS generated are cached no longer than the CMS allowed.</summary>
    int ManifestMaxAge(Presentation presentation) =>
        presentation.ManifestMaxAgeSeconds is { } cms ? Math.Min(cms, options.ManifestMaxAgeSeconds) : options.ManifestMaxAgeSeconds;

    /// <summary>How a format's init and media segments encrypt their samples (CENC; PIFF for Smooth), if they do.</summary>
    static TrackProtection? SampleProtection(Presentation presentation, OutputFormat format) => format switch
    {
        OutputFormat.Dash => presentation.DashProtection,
        OutputFormat.Hls => (presentation.HlsProtection as HlsSampleAes)?.Samples,
        _ => presentation.SmoothProtection,
    };

    static bool InClearLead(double leadSeconds, PresentationTrack track, int segment) =>
        leadSeconds > 0 && segment < track.Segments.CountStartingBefore(leadSeconds, track.Index.Timescale);

    /// <summary>
    /// The index names the version of the source it describes: attach to it directly, no metadata round trip. A
    /// segment of the clear lead is not encrypted and names the init segment's clear sample entry.
    /// </summary>
    static Task<Fmp4Segment> PrepareAsync(PresentationTrack track, int segment, SegmentStyle style, TrackProtection? protection, CancellationToken ct)
    {
        if (protection is not null && InClearLead(protection.ClearLeadSeconds, track, segment))
            (protection, style) = (null, style with { SampleDescriptionIndex = ProtectedInit.ClearEntryIndex });
        return Fmp4Segment.PrepareAsync(track.SourceStorage.Attach(track.SourcePath, track.SourceInfo), track, segment, style,
            // Smooth fragments (those with tfxd) describe their encryption the PIFF way.
            protection is null ? null : [new CencSampleEncryptor(protection, track.Index, track.Key, track.Segments.Identity(segment)) { Piff = style.WithSmoothTime }], ct);
    }

    /// <summary>
    /// A manifest, playlist or init segment of this presentation version at this path and query: from the rendered
    /// outputs when made before, else made by <paramref name="render"/> now, with its ETag; and its max-age.
    /// </summary>
    (RenderedOutput, int) Render(HttpContext context, Presentation presentation, LinkQuery links, string contentType, int maxAge, Func<byte[]> render) =>
        (rendered.GetOrRender(presentation.Version, context.Request.Path.Value ?? "", links.Text,
            () => new RenderedOutput(render(), contentType, ETag(context, presentation, links))), maxAge);

    static async Task WriteRenderedAsync(HttpContext context, (RenderedOutput Output, int MaxAge) rendered)
    {
        var (output, maxAge) = rendered;
        // Cache-Control is not kept with the bytes: a CMS may change its max-age for the same manifest.
        if (NotModified(context, output.ETag, CacheControl(maxAge))) return;
        var response = context.Response;
        response.ContentType = output.ContentType;
        response.ContentLength = output.Body.Length;
        if (!HttpMethods.IsHead(context.Request.Method)) await response.Body.WriteAsync(output.Body, context.RequestAborted);
    }

    /// <summary>
    /// The version's tag for this path. The carried query is part of it: a manifest written for one query references
    /// other URLs than the same manifest for another.
    /// </summary>
    static string ETag(HttpContext context, Presentation presentation, LinkQuery links)
    {
        var fingerprint = new Fingerprint().Add(presentation.Version).Add(context.Request.Path.Value ?? "");
        if (!links.IsEmpty) fingerprint = fingerprint.Add(links.Text);
        return "\"" + fingerprint.ToHex() + "\"";
    }

    static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> CacheControls = new();

    /// <summary>Cache-Control for a max-age, made once per value (there are a handful: manifests', segments', a CMS's).</summary>
    static string CacheControl(int maxAge) => CacheControls.GetOrAdd(maxAge, age => age >= 31_536_000
        ? string.Create(CultureInfo.InvariantCulture, $"public, max-age={age}, immutable")
        : string.Create(CultureInfo.InvariantCulture, $"public, max-age={age}"));

    static bool NotModified(HttpContext context, Presentation presentation, LinkQuery links, int maxAge) =>
        NotModified(context, ETag(context, presentation, links), CacheControl(maxAge));

    /// <summary>Sets ETag and Cache-Control; answers 304 when the client already has this version.</summary>
    static bool NotModified(HttpContext context, string etag, string cacheControl)
    {
        var headers = context.Response.Headers;
        headers.ETag = etag;
        headers.CacheControl = cacheControl;
        foreach (var value in context.Request.Headers.IfNoneMatch)
        {
            if (value is null) continue;
            foreach (var candidate in value.Split(','))
            {
                var tag = candidate.Trim();
                if (tag == "*" || tag == etag || tag == "W/" + etag)
                {
                    context.Response.StatusCode = StatusCodes.Status304NotModified;
                    return true;
                }
            }
        }
        return false;
    }

    static string ServerTiming(StorageStatistics statistics, IndexTier tier, long started)
    {
        var index = tier switch
        {
            IndexTier.Memory => ", index;desc=\"l1\"",
            IndexTier.Durable => ", index;desc=\"l2\"",
            IndexTier.Built => ", index;desc=\"built\"",
            _ => "",
        };
        // One string per response, formatted in place: this runs for every request, manifests served from memory too.
        return string.Create(CultureInfo.InvariantCulture,
            $"storage;dur={statistics.Elapsed.TotalMilliseconds:0.0};desc=\"{statistics.PlannedReads} reads, {statistics.PlannedBytes} bytes\"{index}, total;dur={Stopwatch.GetElapsedTime(started).TotalMilliseconds:0.0}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Status} storage {Reads} reads {Bytes} bytes index {Index} {Milliseconds:0.0} ms")]
    static partial void LogServed(ILogger logger, string method, PathString path, int status, long reads, long bytes, IndexTier index, double milliseconds);

    /// <summary>
    /// The viewer gets the reason as problem details; the operator gets it in the log when the fault is upstream
    /// (storage, media, CMS), since those are theirs to fix. Reasons name paths and hosts, never queries.
    /// </summary>
    async Task FailAsync(HttpContext context, int status, string reason)
    {
        if (status >= 500) LogUpstreamFault(logger, context.Request.Path, status, ProblemWriter.OneLine(reason));
        await ProblemWriter.WriteAsync(context, status, reason);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} answered {Status}: {Reason}")]
    static partial void LogUpstreamFault(ILogger logger, PathString path, int status, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Aborted {Path} mid-response: {Reason}")]
    static partial void LogAborted(ILogger logger, PathString path, string reason);
}
