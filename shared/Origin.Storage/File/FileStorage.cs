using System.Diagnostics;
using System.Globalization;

namespace Origin.Storage.File;

/// <summary>Media in a local folder: the embedded default. Paths are confined to the root.</summary>
public sealed class FileStorage : IMediaStorage
{
    readonly string _root;

    public FileStorage(string root)
    {
        _root = Path.GetFullPath(root);
        if (!_root.EndsWith(Path.DirectorySeparatorChar)) _root += Path.DirectorySeparatorChar;
    }

    public string Description => "file://" + _root;

    public ValueTask<StorageOpenResult> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (!TryResolve(path, out var fullPath))
            return ValueTask.FromResult(StorageOpenResult.Failed(StorageStatus.Invalid, "path is not allowed"));
        if (Stat(fullPath) is not { } info)
            return ValueTask.FromResult(StorageOpenResult.Failed(StorageStatus.NotFound, "not found"));
        return ValueTask.FromResult(StorageOpenResult.Found(new FileObject(path, fullPath, info)));
    }

    public IStorageObject Attach(string path, StorageObjectInfo info) =>
        TryResolve(path, out var fullPath) ? new FileObject(path, fullPath, info)
        : throw new StorageException(StorageStatus.Invalid, "path is not allowed");

    /// <summary>Size plus modification time: the same validator a web server would give for this file.</summary>
    static StorageObjectInfo? Stat(string fullPath)
    {
        var file = new FileInfo(fullPath);
        if (!file.Exists) return null;
        return new StorageObjectInfo(file.Length, string.Create(CultureInfo.InvariantCulture, $"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}"));
    }

    /// <summary>Rejects anything that could leave the root: '..' segments, rooted or drive paths, NUL and backslashes.</summary>
    bool TryResolve(string path, out string fullPath)
    {
        fullPath = "";
        if (path.Length == 0 || path.Contains('\0') || path.Contains('\\')) return false;
        foreach (var segment in path.Split('/'))
            if (segment is ".." or "." || segment.Contains(':')) return false;
        fullPath = Path.GetFullPath(Path.Combine(_root, path.TrimStart('/')));
        return fullPath.StartsWith(_root, StringComparison.Ordinal);
    }

    sealed class FileObject(string path, string fullPath, StorageObjectInfo info) : IStorageObject
    {
        public string Path { get; } = path;
        public StorageObjectInfo Info { get; } = info;

        public async ValueTask<int> ReadAsync(long offset, Memory<byte> buffer, CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            using var handle = OpenHandle();
            EnsureUnchanged();
            int total = 0;
            while (total < buffer.Length)
            {
                int n = await RandomAccess.ReadAsync(handle, buffer[total..], offset + total, cancellationToken);
                if (n == 0) break;
                total += n;
            }
            StorageStatistics.RecordRead(total, Stopwatch.GetElapsedTime(started));
            return total;
        }

        public ValueTask<Stream> OpenRangeAsync(long offset, long length, CancellationToken cancellationToken)
        {
            if (offset < 0 || length < 0 || offset + length > Info.Length)
                throw new StorageException(StorageStatus.RangeNotSatisfiable, $"range {offset}+{length} is outside the object");
            var stream = OpenStream();
            try { EnsureUnchanged(); }
            catch { stream.Dispose(); throw; }
            StorageStatistics.RecordRead(0, TimeSpan.Zero);
            stream.Position = offset;
            return ValueTask.FromResult<Stream>(new RangeStream(stream, length));
        }

        // Checked after opening: a file replaced after this check still reads as the opened version on Linux.
        void EnsureUnchanged()
        {
            if (Stat(fullPath) is not { } now) throw new StorageException(StorageStatus.NotFound, $"{Path} not found");
            if (now != Info) throw new StorageException(StorageStatus.Changed, $"{Path} changed");
        }

        Microsoft.Win32.SafeHandles.SafeFileHandle OpenHandle()
        {
            try
            {
                return System.IO.File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.Asynchronous);
            }
            catch (FileNotFoundException) { throw new StorageException(StorageStatus.NotFound, $"{Path} not found"); }
        }

        FileStream OpenStream()
        {
            try
            {
                return new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 0, FileOptions.Asynchronous);
            }
            catch (FileNotFoundException) { throw new StorageException(StorageStatus.NotFound, $"{Path} not found"); }
        }
    }
}
