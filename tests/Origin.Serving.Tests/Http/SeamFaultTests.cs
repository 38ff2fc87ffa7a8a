using System.Text.Json;
using Origin.Serving.Tests.Support;
using Origin.Storage;
using Origin.Storage.File;
using Origin.Testing;

namespace Origin.Serving.Tests.Http;

/// <summary>
/// Every storage status, raised at the range-read seam (where the file, web, Blob and S3 backends all sit), as the
/// viewer sees it: the right status with a reason before the headers, an aborted response after them, a replaced
/// source re-read once within the request.
/// </summary>
public sealed class SeamFaultTests : IAsyncLifetime
{
    const string Segment = "/faulty/demo.ism/demo-video=300000-4.m4s";
    readonly FaultyStorage _storage = new(new FileStorage(RepositoryFiles.Samples));
    OriginServer _origin = null!;
    byte[] _expected = null!;

    public async Task InitializeAsync()
    {
        _origin = await OriginServer.StartAsync(new Dictionary<string, string> { ["faulty"] = "fault:" }, storage: _storage);
        _expected = await _origin.Client.GetByteArrayAsync(Segment);
    }

    public async Task DisposeAsync() => await _origin.DisposeAsync();

    [Theory]
    [InlineData(StorageStatus.Timeout, 504)]
    [InlineData(StorageStatus.Unavailable, 502)]
    [InlineData(StorageStatus.Forbidden, 403)]
    [InlineData(StorageStatus.RangeNotSatisfiable, 502)]
    public async Task A_failed_segment_read_answers_its_status_with_a_reason_and_the_next_request_is_served(StorageStatus status, int expected)
    {
        _storage.Faults.Enqueue(new(status));
        using (var response = await _origin.Client.GetAsync(Segment))
        {
            Assert.Equal(expected, (int)response.StatusCode);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains($"injected {status}", problem.RootElement.GetProperty("detail").GetString());
        }
        Assert.Equal(_expected, await _origin.Client.GetByteArrayAsync(Segment));
    }

    [Theory]
    [InlineData(Segment)]
    [InlineData("/faulty/progressive.mp4/progressive-video=402263-2.m4s")] // its sample reads too are opened before the headers
    public async Task A_source_reported_replaced_is_read_again_within_the_request(string segment)
    {
        var expected = await _origin.Client.GetByteArrayAsync(segment);
        _storage.Faults.Enqueue(new(StorageStatus.Changed));
        var fetched = await CdnFetch.GetAsync(_origin.Client, segment);
        Assert.False(fetched.Broke);
        Assert.Equal(expected, fetched.Received);
    }

    [Theory]
    [InlineData(StorageStatus.Unavailable)]
    [InlineData(StorageStatus.Timeout)]
    public async Task A_read_that_fails_mid_body_aborts_the_response(StorageStatus status)
    {
        _storage.Faults.Enqueue(new(status, AfterBytes: _expected.Length / 3));
        var fetched = await CdnFetch.GetAsync(_origin.Client, Segment);
        // Whether the headers left before the break depends on buffering; either way the exchange did not complete.
        Assert.Contains(fetched.Status, new[] { 0, 200 });
        Assert.True(fetched.Broke, "the response ended as if complete");
        Assert.True(fetched.Received.Length < _expected.Length);
    }

    [Theory]
    [InlineData(StorageStatus.Timeout, 504)]
    [InlineData(StorageStatus.Unavailable, 502)]
    public async Task A_failed_index_read_answers_its_status_and_a_later_request_builds_the_index(StorageStatus status, int expected)
    {
        // Progressive: not yet indexed by this origin, so the manifest request reads the moov through the seam.
        for (int i = 0; i < 3; i++) _storage.Faults.Enqueue(new(status));
        using (var response = await _origin.Client.GetAsync("/faulty/progressive.mp4/.mpd"))
            Assert.Equal(expected, (int)response.StatusCode);
        _storage.Faults.Clear();
        using var served = await _origin.Client.GetAsync("/faulty/progressive.mp4/.mpd");
        Assert.Equal(200, (int)served.StatusCode);
    }
}
