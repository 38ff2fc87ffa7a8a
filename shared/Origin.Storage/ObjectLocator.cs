namespace Origin.Storage;

/// <summary>A <c>scheme://container/prefix</c> locator split into container (bucket) and key prefix.</summary>
public readonly record struct ObjectLocator(string Container, string Prefix)
{
    public static ObjectLocator Parse(string locator, string scheme)
    {
        var rest = locator[(scheme.Length + 3)..].Trim('/');
        if (rest.Length == 0) throw new ArgumentException($"{scheme}:// needs a container or bucket name");
        int slash = rest.IndexOf('/');
        return slash < 0 ? new ObjectLocator(rest, "") : new ObjectLocator(rest[..slash], rest[(slash + 1)..] + "/");
    }

    /// <summary>The object key for a path under the prefix; null if the path tries to leave it.</summary>
    public string? Key(string path) =>
        StoragePaths.SafeSegments(path) is { Length: > 0 } segments ? Prefix + string.Join('/', segments) : null;
}
