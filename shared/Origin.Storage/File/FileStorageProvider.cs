namespace Origin.Storage.File;

/// <summary><c>file:///abs/path</c> or <c>file:relative/path</c> (relative to the app's content root).</summary>
public sealed class FileStorageProvider(string baseDirectory) : IStorageProvider
{
    public bool Handles(string locator) => locator.StartsWith("file:", StringComparison.OrdinalIgnoreCase);

    public IMediaStorage Open(string locator)
    {
        var path = locator.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(locator).LocalPath : locator[5..];
        var full = Path.GetFullPath(path, baseDirectory);
        if (!Directory.Exists(full)) throw new ArgumentException($"folder {full} does not exist");
        return new FileStorage(full);
    }
}
