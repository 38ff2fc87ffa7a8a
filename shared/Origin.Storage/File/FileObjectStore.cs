namespace Origin.Storage.File;

/// <summary>Objects as files under a folder; created through a temporary name and a rename that never overwrites.</summary>
public sealed class FileObjectStore(string root) : IObjectStore
{
    public string Description => "file://" + root;

    public async ValueTask<byte[]?> GetAsync(string path, int maxBytes, CancellationToken cancellationToken)
    {
        var full = Path.Combine(root, path);
        try
        {
            await using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.Asynchronous);
            if (stream.Length > maxBytes) return null;
            var bytes = new byte[stream.Length];
            await stream.ReadExactlyAsync(bytes, cancellationToken);
            StorageStatistics.RecordRead(bytes.Length, TimeSpan.Zero);
            return bytes;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public ValueTask<bool> CreateAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        WriteAsync(path, content, overwrite: false, cancellationToken);

    public async ValueTask PutAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) =>
        await WriteAsync(path, content, overwrite: true, cancellationToken);

    /// <summary>Writes beside the target under a temporary name, then renames: a reader never sees a partial file.</summary>
    async ValueTask<bool> WriteAsync(string path, ReadOnlyMemory<byte> content, bool overwrite, CancellationToken cancellationToken)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Guid.NewGuid():n}.tmp";
        try
        {
            await System.IO.File.WriteAllBytesAsync(temporary, content.ToArray(), cancellationToken);
            System.IO.File.Move(temporary, full, overwrite);
            return true;
        }
        catch (IOException) when (!overwrite && System.IO.File.Exists(full))
        {
            return false;
        }
        finally
        {
            System.IO.File.Delete(temporary);
        }
    }
}
