using Origin.Storage;
using Origin.Storage.File;

namespace Origin.Serving.Configuration;

/// <summary>
/// Turns a storage locator from configuration into a storage: <c>file:</c> folders for now. A relative folder is
/// taken from the app's content root, so the defaults work under <c>dotnet run</c> and in a published layout alike.
/// </summary>
public static class StorageLocator
{
    public static IMediaStorage Open(string locator, string configurationKey, string baseDirectory)
    {
        if (locator.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            var path = locator.StartsWith("file://", StringComparison.OrdinalIgnoreCase) ? new Uri(locator).LocalPath : locator[5..];
            var full = Path.GetFullPath(path, baseDirectory);
            if (!Directory.Exists(full)) throw new OriginConfigurationException($"{configurationKey}: folder {full} does not exist");
            return new FileStorage(full);
        }
        throw new OriginConfigurationException($"{configurationKey}: unsupported storage \"{locator}\" (use file:)");
    }
}
