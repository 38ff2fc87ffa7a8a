namespace Origin.Storage.File;

/// <summary>
/// <c>file:///abs/path</c> or <c>file:relative/path</c> (relative to the app's content root); symbolic links that
/// lead outside a folder are refused unless <paramref name="linksOutsideRoot"/>.
/// </summary>
public sealed class FileStorageProvider(string baseDirectory, bool linksOutsideRoot = false) : IStorageProvider
{
    public bool Handles(string locator) => locator.StartsWith("file:", StringComparison.OrdinalIgnoreCase);

    public IMediaStorage Open(string locator)
    {
        var full = FullPath(locator);
        if (!Directory.Exists(full)) throw new ArgumentException($"folder {full} does not exist");
        return new FileStorage(full, linksOutsideRoot);
    }

    public IObjectStore OpenObjectStore(string locator)
    {
        var full = FullPath(locator);
        try { Directory.CreateDirectory(full); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new ArgumentException($"cannot create {full}: {e.Message}"); }
        return new FileObjectStore(full);
    }

    string FullPath(string locator) =>
        Path.GetFullPath(locator.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(locator).LocalPath : locator[5..], baseDirectory);
}
