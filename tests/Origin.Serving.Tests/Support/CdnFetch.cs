namespace Origin.Serving.Tests.Support;

/// <summary>
/// What a CDN got for a request: the status and length promised (0 and null when the connection broke before the
/// headers came), the bytes that came, and whether the connection broke.
/// </summary>
public sealed record FetchedBody(int Status, long? Promised, byte[] Received, bool Broke);

public static class CdnFetch
{
    /// <summary>Reads a response as a CDN would: the headers, then the body until it ends or the connection drops.</summary>
    public static async Task<FetchedBody> GetAsync(HttpClient client, string path)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        }
        catch (HttpRequestException)
        {
            return new FetchedBody(0, null, [], Broke: true);
        }
        using var _ = response;
        var received = new MemoryStream();
        bool broke = false;
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync();
            await body.CopyToAsync(received);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            broke = true;
        }
        return new FetchedBody((int)response.StatusCode, response.Content.Headers.ContentLength, received.ToArray(), broke);
    }
}
