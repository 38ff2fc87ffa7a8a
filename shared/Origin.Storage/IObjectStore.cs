namespace Origin.Storage;

/// <summary>
/// Whole small objects written once and read in one round trip: what the durable index cache needs. Writes are
/// create-if-absent, so concurrent instances that build the same entry cannot overwrite each other.
/// </summary>
public interface IObjectStore
{
    string Description { get; }

    /// <summary>The object's bytes, or null when it does not exist or is larger than <paramref name="maxBytes"/>.</summary>
    ValueTask<byte[]?> GetAsync(string path, int maxBytes, CancellationToken cancellationToken);

    /// <summary>Creates the object unless it exists; false when it already did.</summary>
    ValueTask<bool> CreateAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken);
}
