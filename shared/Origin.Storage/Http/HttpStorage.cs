using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Origin.Storage.Http;

/// <summary>
/// Media on a web server (<c>http(s)://host/prefix/</c>), read with Range requests. Handles servers that ignore
/// Range (200 with the whole body: the bytes before the range are skipped, never buffered), checks that every
/// response is still the indexed version (ETag, else length and Last-Modified), and follows redirects only on the
/// same host. A <paramref name="signature"/> (the query of a signed URL: presigned S3, SAS, a CDN token) is sent
/// with every request and shown nowhere: not in <see cref="Description"/>, paths, messages or cache keys, so a source
/// signed anew keeps its index.
/// </summary>
public sealed class HttpStorage(Uri baseUri, HttpUpstreams upstreams, string signature = "") : IMediaStorage
{
    readonly Uri _base = baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");

    public string Description => _base.GetLeftPart(UriPartial.Path);

    HttpUpstreamOptions Options => upstreams.Options;

    public ValueTask<StorageOpenResult> OpenAsync(string path, CancellationToken cancellationToken) => OpenAsync(path, 0, cancellationToken);

    /// <summary>
    /// A range GET of the first bytes answers length, validator and whether ranges work, without a HEAD some servers
    /// mishandle; with <paramref name="headBytes"/> it also brings those bytes (one byte otherwise, not kept), asked
    /// for again when they break off, as range reads are. A server that ignores Range sends the whole body from its
    /// start: the head is read from it and the rest left unread.
    /// </summary>
    public async ValueTask<StorageOpenResult> OpenAsync(string path, int headBytes, CancellationToken cancellationToken)
    {
        if (!TryResolve(path, out var uri)) return StorageOpenResult.Failed(StorageStatus.Invalid, "path is not allowed");
        for (int attempt = 0; ; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            long headLength = 0;
            try
            {
                using var response = await SendAsync(uri, 0, Math.Max(1, headBytes), cancellationToken);
                if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
                    return StorageOpenResult.Found(new HttpObject(this, path, uri, new StorageObjectInfo(0, Validator(response, 0))));
                if (Failure(response) is { } failure) return StorageOpenResult.Failed(failure, $"upstream answered {(int)response.StatusCode}");
                long length = response.StatusCode == HttpStatusCode.PartialContent
                    ? response.Content.Headers.ContentRange?.Length ?? throw new StorageException(StorageStatus.Unavailable, "206 without a total length")
                    : response.Content.Headers.ContentLength ?? throw new StorageException(StorageStatus.Unavailable, "200 without a length");
                var found = new HttpObject(this, path, uri, new StorageObjectInfo(length, Validator(response, length)));
                if (headBytes <= 0 || length == 0) return StorageOpenResult.Found(found);
                headLength = Math.Min(headBytes, length);
                await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                if (await ReadHeadAsync(body, headLength, cancellationToken) is { } head) return StorageOpenResult.Found(new HeadedObject(found, head));
                if (attempt >= Options.Retries) return StorageOpenResult.Failed(StorageStatus.Unavailable, "the first bytes broke off");
            }
            finally
            {
                StorageStatistics.RecordRead(headLength, Stopwatch.GetElapsedTime(started));
            }
        }
    }

    /// <summary>The head, or null when the body broke off or stalled before it was whole.</summary>
    async Task<byte[]?> ReadHeadAsync(Stream body, long length, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Options.RequestTimeout);
        try
        {
            return await HeadedObject.ReadHeadAsync(body, length, deadline.Token);
        }
        catch (Exception e) when (e is IOException or EndOfStreamException or HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    public IStorageObject Attach(string path, StorageObjectInfo info) =>
        TryResolve(path, out var uri) ? new HttpObject(this, path, uri, info)
        : throw new StorageException(StorageStatus.Invalid, "path is not allowed");

    bool TryResolve(string path, out Uri uri)
    {
        uri = _base;
        if (StoragePaths.SafeSegments(path) is not { } segments) return false;
        uri = new Uri(_base, string.Join('/', segments.Select(Uri.EscapeDataString)) + signature);
        return uri.AbsoluteUri.StartsWith(_base.AbsoluteUri, StringComparison.Ordinal);
    }

    /// <summary>A strong ETag names a version; without one, length and Last-Modified do.</summary>
    static string Validator(HttpResponseMessage response, long length) =>
        response.Headers.ETag is { IsWeak: false } etag ? etag.Tag
        : string.Create(CultureInfo.InvariantCulture, $"{length:x}-{response.Content.Headers.LastModified?.ToUnixTimeSeconds() ?? 0:x}");

    static StorageStatus? Failure(HttpResponseMessage response) =>
        (int)response.StatusCode is 200 or 206 ? null : StorageStatuses.FromHttp((int)response.StatusCode);

    /// <summary>
    /// GET with a Range, following same-host redirects, hedged when slow and retried on transient faults
    /// (<see cref="UpstreamResilience"/>); the caller owns the response (headers read, body not).
    /// </summary>
    async Task<HttpResponseMessage> SendAsync(Uri uri, long offset, long length, CancellationToken cancellationToken)
    {
        var upstream = upstreams.For(uri);
        upstream.Hedges.Deposit();
        var response = await upstream.Pipeline.ExecuteAsync(static (state, attempt) => state.Storage.AttemptAsync(state.Upstream, state.Uri, state.Offset, state.Length, state.Caller, attempt),
            (Storage: this, Upstream: upstream, Uri: uri, Offset: offset, Length: length, Caller: cancellationToken), cancellationToken);
        if (UpstreamResilience.RefusedWait(response, Options) is { } wait)
        {
            response.Dispose();
            throw new StorageException(StorageStatus.Unavailable, $"{Description} asked to retry after {wait.TotalSeconds:0} s");
        }
        return response;
    }

    /// <summary>
    /// One attempt. The request itself runs on the caller's token only: when hedging gives up on it (its token,
    /// <paramref name="attempt"/>, is cancelled), it is left to finish and its response disposed, which lets the
    /// connection drain the rest of a small body and go back to the pool instead of being cut.
    /// </summary>
    async ValueTask<HttpResponseMessage> AttemptAsync(Upstream upstream, Uri uri, long offset, long length, CancellationToken caller, CancellationToken attempt)
    {
        var started = Stopwatch.GetTimestamp();
        var sending = SendOnceAsync(upstream.Client, uri, offset, length, caller);
        try
        {
            var answered = await sending.WaitAsync(attempt);
            if ((int)answered.StatusCode is 200 or 206) upstream.Latency.Record(Stopwatch.GetElapsedTime(started));
            return answered;
        }
        catch (OperationCanceledException) when (attempt.IsCancellationRequested && !caller.IsCancellationRequested)
        {
            _ = sending.ContinueWith(static task => { if (task.IsCompletedSuccessfully) task.Result.Dispose(); else _ = task.Exception; },
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }

    async Task<HttpResponseMessage> SendOnceAsync(HttpMessageInvoker client, Uri uri, long offset, long length, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(upstreams.Options.RequestTimeout);
        for (int redirects = 0; ; redirects++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.Range = new RangeHeaderValue(offset, offset + length - 1);
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new StorageException(StorageStatus.Timeout, $"{Description} did not answer in time");
            }
            catch (HttpRequestException e) when (FindRefusal(e) is { } refusal)
            {
                throw new StorageException(StorageStatus.Forbidden, refusal.Message);
            }
            catch (HttpRequestException e)
            {
                throw new StorageException(StorageStatus.Unavailable, $"{Description} unreachable: {e.HttpRequestError}");
            }
            if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308)) return response;
            var location = response.Headers.Location;
            response.Dispose();
            if (location is null || redirects >= upstreams.Options.MaxRedirects)
                throw new StorageException(StorageStatus.Unavailable, "too many redirects");
            var target = location.IsAbsoluteUri ? location : new Uri(uri, location);
            if (!string.Equals(target.GetLeftPart(UriPartial.Authority), uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
                throw new StorageException(StorageStatus.Forbidden, "redirect to another host refused");
            uri = target;
        }
    }

    static UpstreamRefusedException? FindRefusal(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is UpstreamRefusedException refused) return refused;
        return null;
    }

    sealed class HttpObject(HttpStorage storage, string path, Uri uri, StorageObjectInfo info) : IStorageObject
    {
        public string Path { get; } = path;
        public StorageObjectInfo Info { get; } = info;

        public ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken) =>
            RangeReads.ReadAsync(this, offset, buffer, cancellationToken, storage.Options.Retries);

        public async ValueTask<Stream> OpenRangeAsync(long offset, long length, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            var stream = await OpenRangeCoreAsync(offset, length, cancellationToken);
            StorageStatistics.RecordRead(0, Stopwatch.GetElapsedTime(started));
            return stream;
        }

        async Task<Stream> OpenRangeCoreAsync(long offset, long length, CancellationToken cancellationToken)
        {
            RangeReads.Check(this, offset, length);
            var response = await storage.SendAsync(uri, offset, length, cancellationToken);
            try
            {
                if (Failure(response) is { } failure) throw new StorageException(failure, $"{Path}: upstream answered {(int)response.StatusCode}");
                long total = response.StatusCode == HttpStatusCode.PartialContent
                    ? response.Content.Headers.ContentRange?.Length ?? -1
                    : response.Content.Headers.ContentLength ?? -1;
                if (total != Info.Length || Validator(response, total) != Info.Validator)
                    throw new StorageException(StorageStatus.Changed, $"{Path} changed");
                var body = await response.Content.ReadAsStreamAsync(cancellationToken);
                if (response.StatusCode == HttpStatusCode.PartialContent)
                {
                    if (response.Content.Headers.ContentRange?.From != offset)
                        throw new StorageException(StorageStatus.Unavailable, $"{Path}: upstream sent another range");
                }
                else
                {
                    // The server ignored Range: skip to the range through a small buffer rather than holding the file.
                    await SkipAsync(body, offset, cancellationToken);
                }
                return new RangeStream(new OwningStream(body, response, storage.Options.RequestTimeout), length);
            }
            catch
            {
                response.Dispose();
                throw;
            }
        }

        static async Task SkipAsync(Stream body, long count, CancellationToken cancellationToken)
        {
            var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
            try
            {
                while (count > 0)
                {
                    int n = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken);
                    if (n == 0) throw new StorageException(StorageStatus.Unavailable, "upstream body ended early");
                    count -= n;
                }
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}
