using System.Diagnostics;
using System.Globalization;

namespace Origin.Storage.File;

/// <summary>
/// Media in a local folder: the embedded default. Paths are confined to the root; symbolic links are followed (size
/// and validator are the target's) when they lead to a file inside the root, or anywhere when
/// <c>linksOutsideRoot</c> allows it, so an uploaded archive's links cannot expose the host's files.
/// </summary>
public sealed class FileStorage : IMediaStorage
{
    readonly string _root;
    readonly string _realRoot;
    readonly bool _linksOutsideRoot;
    /// <summary>Paths an open found to lead inside the root, and when: segment reads attach to them without walking
    /// every link of the path again. A re-pointed link changes the validator, and the reopen that follows checks anew.</summary>
    readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _inside = new(StringComparer.Ordinal);
    const double InsideTrustSeconds = 10;
    const int MaxInsideEntries = 4096;

    public FileStorage(string root, bool linksOutsideRoot = false)
    {
        _root = WithSeparator(Path.GetFullPath(root));
        _realRoot = WithSeparator(SymbolicLinks.RealPath(_root) ?? _root);
        _linksOutsideRoot = linksOutsideRoot;
    }

    static string WithSeparator(string folder) => folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar;

    public string Description => "file://" + _root;

    public ValueTask<StorageOpenResult> OpenAsync(string path, CancellationToken cancellationToken)
    {
        if (!TryResolve(path, out var fullPath))
            return ValueTask.FromResult(StorageOpenResult.Failed(StorageStatus.Invalid, "path is not allowed"));
        if (!LeadsInside(fullPath, trustRecent: false))
            return ValueTask.FromResult(StorageOpenResult.Failed(StorageStatus.Forbidden, $"{StoragePaths.ForDisplay(path)} is a link that leads outside the mount"));
        if (Stat(fullPath) is not { } info)
            return ValueTask.FromResult(StorageOpenResult.Failed(StorageStatus.NotFound, "not found"));
        return ValueTask.FromResult(StorageOpenResult.Found(new FileObject(path, fullPath, info)));
    }

    public IStorageObject Attach(string path, StorageObjectInfo info) =>
        !TryResolve(path, out var fullPath) ? throw new StorageException(StorageStatus.Invalid, "path is not allowed")
        : !LeadsInside(fullPath, trustRecent: true) ? throw new StorageException(StorageStatus.Forbidden, $"{StoragePaths.ForDisplay(path)} is a link that leads outside the mount")
        : new FileObject(path, fullPath, info);

    /// <summary>
    /// Whether the path, links resolved, stays under the root (itself resolved, so a root reached through a link
    /// works). A loop of links counts as inside: it leads nowhere, and the existence check answers 404.
    /// </summary>
    bool LeadsInside(string fullPath, bool trustRecent)
    {
        if (_linksOutsideRoot) return true;
        if (trustRecent && _inside.TryGetValue(fullPath, out var checkedAt) && Stopwatch.GetElapsedTime(checkedAt).TotalSeconds < InsideTrustSeconds)
            return true;
        bool inside = SymbolicLinks.RealPath(fullPath) is not { } real || real.StartsWith(_realRoot, StringComparison.Ordinal);
        if (!inside) _inside.TryRemove(fullPath, out _);
        else
        {
            if (_inside.Count >= MaxInsideEntries) _inside.Clear();
            _inside[fullPath] = Stopwatch.GetTimestamp();
        }
        return inside;
    }

    /// <summary>
    /// Size plus modification time of the file (a link's target, so a replaced or re-pointed target is noticed like
    /// a replaced file): the same validator a web server would give for it.
    /// </summary>
    static StorageObjectInfo? Stat(string fullPath)
    {
        if (SymbolicLinks.Target(fullPath) is not { } file) return null;
        return new StorageObjectInfo(file.Length, string.Create(CultureInfo.InvariantCulture, $"{file.Length:x}-{file.LastWriteTimeUtc.Ticks:x}"));
    }

    /// <summary>
    /// The storage rule (<see cref="StoragePaths.SafeSegments"/>), plus no ':' (a drive or an alternate data stream to
    /// Windows), and the resolved path checked to lie under the root.
    /// </summary>
    bool TryResolve(string path, out string fullPath)
    {
        fullPath = "";
        if (StoragePaths.SafeSegments(path) is not { Length: > 0 } segments || path.Contains(':')) return false;
        fullPath = Path.GetFullPath(Path.Combine(_root, string.Join(Path.DirectorySeparatorChar, segments)));
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
