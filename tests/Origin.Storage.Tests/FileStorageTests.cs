using Origin.Storage.File;

namespace Origin.Storage.Tests;

public sealed class FileStorageTests : StorageConformanceTests
{
    readonly string _root = Directory.CreateTempSubdirectory("file-storage").FullName;

    protected override IMediaStorage Storage => new FileStorage(_root);

    protected override async Task PutAsync(string path, byte[] content)
    {
        var full = Path.Combine(_root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await System.IO.File.WriteAllBytesAsync(full, content);
    }
}
