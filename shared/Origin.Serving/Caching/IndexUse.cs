using Origin.Storage;

namespace Origin.Serving.Caching;

/// <summary>
/// An index a presentation was built from, named as the index store keys it: the file read (a media file, or an
/// index MP4 whose data references point at media elsewhere) and its version. Kept beside the presentation, not in
/// it, so that a source found changed while serving is forgotten in the cache it came from.
/// </summary>
public readonly record struct IndexUse(IMediaStorage Storage, string Path, string Validator, bool MediaElsewhere);
