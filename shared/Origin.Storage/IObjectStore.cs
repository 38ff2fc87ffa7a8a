namespace Origin.Storage;

/// <summary>
/// Whole small objects read in one round trip: what the durable index cache needs (created if absent, so concurrent
/// instances that build the same entry cannot overwrite each other) and what the command-line tool writes.
/// </summary>
public interface IObjectStore
{
    string Description { get; }

    /// <summary>The object's bytes, or null when it does not exist or is larger than <paramref name="maxBytes"/>.</summary>
    ValueTask<byte[]?> GetAsync(string path, int maxBytes, CancellationToken cancellationToken);

    /// <summary>Creates the object unless it exists; false when it already did.</summary>
    ValueTask<bool> CreateAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);

    /// <summary>Writes the object whole, replacing any: readers see the old bytes or the new, never a part.</summary>
    ValueTask PutAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);
}
