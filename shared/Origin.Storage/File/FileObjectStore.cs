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

    public async ValueTask<bool> CreateAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var full = Path.Combine(root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = $"{full}.{Guid.NewGuid():n}.tmp";
        await System.IO.File.WriteAllBytesAsync(temporary, content.ToArray(), cancellationToken);
        try
        {
            System.IO.File.Move(temporary, full, overwrite: false);
            return true;
        }
        catch (IOException) when (System.IO.File.Exists(full))
        {
            System.IO.File.Delete(temporary);
            return false;
        }
    }
}
