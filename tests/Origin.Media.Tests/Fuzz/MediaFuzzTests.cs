using System.Text;
using Origin.Media.Boxes;
using Origin.Media.Bytes;
using Origin.Media.Index;
using Origin.Media.Packaging;
using Origin.Media.Packaging.Cenc;
using Origin.Media.Packaging.Fmp4;
using Origin.Media.Presentation;
using Origin.Media.ServerManifest;
using Origin.Storage;
using Origin.Testing;

namespace Origin.Media.Tests.Fuzz;

/// <summary>
/// Mutated sample files through every reader the origin has: the only acceptable failures are the format errors
/// that become a 502 with a reason. A slice runs in CI; <c>FUZZ_ITERATIONS=100000</c> runs the long suite.
/// </summary>
[Trait("Category", "Fuzz")]
public class MediaFuzzTests
{
    const string Project = "Origin.Media.Tests";
    static readonly string[] Files = ["demo-audio-64k.isma", "demo-video-150k.ismv", "progressive.mp4"];

    /// <summary>Whole sample files, with the metadata boxes (and mdat headers) as the places mutations aim at.</summary>
    public static List<Fuzzer.Seed> FileSeeds()
    {
        var seeds = new List<Fuzzer.Seed>();
        foreach (var name in Files)
        {
            var file = File.ReadAllBytes(RepositoryFiles.Sample(name));
            var hot = new List<(int, int)>();
            for (long offset = 0; offset < file.Length;)
            {
                BoxHeader.TryRead(file.AsSpan((int)offset), offset, file.Length - offset, out var h);
                hot.Add(((int)offset, h.Type == BoxTypes.Mdat ? 16 : (int)h.Size));
                offset += h.Size;
            }
            seeds.Add(new Fuzzer.Seed(file, hot));
        }
        return seeds;
    }

    /// <summary>The metadata boxes of the samples (everything but mdat payloads): moov, moofs, mfra.</summary>
    static List<Fuzzer.Seed> BoxSeeds()
    {
        var seeds = new List<Fuzzer.Seed>();
        foreach (var file in Files.Select(f => File.ReadAllBytes(RepositoryFiles.Sample(f))))
        {
            for (long offset = 0; offset < file.Length;)
            {
                BoxHeader.TryRead(file.AsSpan((int)offset), offset, file.Length - offset, out var h);
                if (h.Type != BoxTypes.Mdat && seeds.Count < 40) seeds.Add(file.AsSpan((int)offset, (int)h.Size).ToArray());
                offset += h.Size;
            }
        }
        // An encrypted init segment (encv, sinf, tenc, pssh) and the moof of an encrypted segment (saiz, saio, senc).
        var packaging = FilePackaging.OpenAsync(new Origin.Storage.File.FileStorage(RepositoryFiles.Samples), RepositoryFiles.OpenSampleAsync("progressive.mp4").GetAwaiter().GetResult())
            .GetAwaiter().GetResult();
        var key = Media.Protection.ContentKey.From(new byte[16], Enumerable.Repeat((byte)7, 16).ToArray());
        var cenc = new Media.Protection.TrackProtection(key, Media.Protection.EncryptionScheme.Cenc,
            [new Media.Protection.DrmSystem("Widevine", Media.Protection.DrmSystem.Widevine, [1, 2, 3], null)]);
        var cbcs = cenc with { Scheme = Media.Protection.EncryptionScheme.Cbcs, ConstantIv = new byte[16] };
        foreach (var protection in new[] { cenc, cbcs })
        foreach (var track in packaging.Tracks)
        {
            seeds.Add(FilePackaging.Init(track, protection));
            var segment = FilePackaging.SegmentAsync(track, 0, new SegmentStyle(true, false), [new CencSampleEncryptor(protection, track.Index, track.Key, "0")]).GetAwaiter().GetResult();
            var moof = BoxParser.ReadAll(segment).Single(b => b.Type == BoxTypes.Moof);
            seeds.Add(moof.ToArray());
        }
        return seeds;
    }

    static Task<bool> CheckBoxes(byte[] input)
    {
        try
        {
            foreach (var box in BoxParser.ReadAll(input))
            {
                box.ToArray(); // whatever parses must also write
                // senc needs tenc's IV size to be read, so the tree keeps it raw: read it as the 8-byte IVs we write.
                foreach (var senc in (box as ContainerBox)?.Children.AllContainers(BoxTypes.Traf).SelectMany(t => t.Children.OfType<RawBox>()).Where(b => b.Type == BoxTypes.Senc) ?? [])
                    SampleEncryptionBox.Read(senc.Content, CencSampleEncryptor.IvSize).ToArray();
            }
            return Task.FromResult(true);
        }
        catch (MediaFormatException) { return Task.FromResult(false); }
    }

    static async Task<bool> CheckFile(byte[] input)
    {
        var storage = new MemoryStorage(new Dictionary<string, byte[]> { ["fuzz.mp4"] = input });
        return await CheckPackagingAsync(storage, "fuzz.mp4", withReferences: false);
    }

    /// <summary>The sample media indexed by origin-tool: an index MP4 per file, with data references to the media beside it.</summary>
    static List<Fuzzer.Seed> IndexFileSeeds() =>
        [.. Files.Select(name => (Fuzzer.Seed)Media.Preparation.IndexFileWriter.WriteAsync(
            [new Media.Preparation.IndexSource(new MemoryObject(name, File.ReadAllBytes(RepositoryFiles.Sample(name))), name)], null, default).GetAwaiter().GetResult())];

    /// <summary>A mutated index MP4 beside the intact media it references: the reader, resolver and segments from the media.</summary>
    static Task<bool> CheckIndexFile(byte[] input)
    {
        var objects = Files.ToDictionary(name => name, name => File.ReadAllBytes(RepositoryFiles.Sample(name)));
        objects["fuzz-index.mp4"] = input;
        return CheckPackagingAsync(new MemoryStorage(objects), "fuzz-index.mp4", withReferences: true);
    }

    /// <summary>Index, every manifest, each track's init and its first and last segment, as the origin would serve them.</summary>
    static async Task<bool> CheckPackagingAsync(MemoryStorage storage, string path, bool withReferences)
    {
        var source = (await storage.OpenAsync(path, default)).Object!;
        FilePackaging packaging;
        try
        {
            packaging = await FilePackaging.OpenAsync(storage, source, "fuzz", followReferences: withReferences);
        }
        catch (MediaFormatException) { return false; }
        catch (StorageException e) when (withReferences && e.Status is StorageStatus.NotFound or StorageStatus.Invalid) { return false; }

        packaging.HlsMaster();
        packaging.Dash();
        packaging.Smooth();
        foreach (var track in packaging.Tracks)
        {
            packaging.HlsMedia(track);
            FilePackaging.Init(track);
            foreach (var segment in new[] { 0, track.Segments.Count - 1 }.Distinct())
            {
                try
                {
                    await using var prepared = await FilePackaging.PrepareSegmentAsync(track, segment, new SegmentStyle(true, true));
                    await prepared.WriteToAsync(Stream.Null, default);
                }
                catch (MediaFormatException) { }
                catch (StorageException e) when (e.Status is StorageStatus.RangeNotSatisfiable or StorageStatus.Unavailable) { }
            }
        }
        // The same tracks as MPEG-TS: a clean refusal, or whole packets.
        if (packaging.Tracks.Count > 0)
        {
            try
            {
                var ts = await FilePackaging.TsSegmentAsync([packaging.Tracks[0], .. packaging.Tracks.Skip(1).Where(t => t.Kind != packaging.Tracks[0].Kind).Take(1)], 0);
                if (ts.Length % Media.Packaging.Ts.TsPacketWriter.PacketSize != 0) throw new InvalidOperationException($"a TS segment of {ts.Length} bytes");
            }
            catch (MediaFormatException) { }
            catch (StorageException e) when (e.Status is StorageStatus.RangeNotSatisfiable or StorageStatus.Unavailable) { }
        }
        return true;
    }

    static Task<bool> CheckServerManifest(byte[] input)
    {
        try
        {
            var manifest = ServerManifestReader.Read(new MemoryStream(input));
            Media.Protection.ServerManifestProtection.ForDash(manifest);
            return Task.FromResult(true);
        }
        catch (ServerManifestException) { return Task.FromResult(false); }
    }

    static readonly Media.ServerManifest.ServerManifest CpixTarget = ServerManifestReader.Read(new MemoryStream(
        Encoding.UTF8.GetBytes("<smil><head><meta name=\"cpix\" content=\"keys.xml\"/></head><body><switch><video src=\"v.mp4\"/></switch></body></smil>")));

    static Task<bool> CheckCpix(byte[] input)
    {
        try
        {
            var manifest = Media.Protection.Cpix.CpixKeys.Apply(CpixTarget, Media.Protection.Cpix.CpixReader.Read(input, input.Length));
            Media.Protection.ServerManifestProtection.ForDash(manifest);
            Media.Protection.ServerManifestProtection.ForHls(manifest);
            return Task.FromResult(true);
        }
        catch (Media.Protection.Cpix.CpixException) { return Task.FromResult(false); }
        catch (ServerManifestException) { return Task.FromResult(false); }
    }

    static List<Fuzzer.Seed> CpixSeeds()
    {
        const string kid = "0123456789abcdef0123456789abcdef", key = "3a2a1b68dd2bd9b2eeb25e84c4776668";
        return
        [
            Encoding.UTF8.GetBytes(CpixText.Document(kid, key, "cenc", null, CpixText.System(kid, CpixText.Widevine, [0x12, 0x10, .. Convert.FromHexString(kid)]),
                CpixText.System(kid, CpixText.PlayReady, [1, 2, 3]), CpixText.System(kid, CpixText.ClearKey))),
            Encoding.UTF8.GetBytes(CpixText.Document(kid, key, "cbcs", "00112233445566778899aabbccddeeff", CpixText.System(kid, CpixText.Aes128, uriExtXKey: "https://k/1"),
                CpixText.System(kid, CpixText.FairPlay, hlsSignaling: "#EXT-X-KEY:METHOD=SAMPLE-AES,URI=\"skd://k\""))),
        ];
    }

    [Fact]
    public Task Cpix_reader_survives_mutated_documents() =>
        Fuzzer.RunAsync(Project, "cpix", CpixSeeds(), Fuzzer.Iterations(3000), CheckCpix);

    [Fact]
    public Task Box_reader_survives_mutated_metadata() =>
        Fuzzer.RunAsync(Project, "boxes", BoxSeeds(), Fuzzer.Iterations(3000), CheckBoxes);

    [Fact]
    public Task Index_builders_and_packagers_survive_mutated_files() =>
        Fuzzer.RunAsync(Project, "files", FileSeeds(), Fuzzer.Iterations(600), CheckFile);

    [Fact]
    public Task Index_files_and_their_data_references_survive_mutation() =>
        Fuzzer.RunAsync(Project, "index-files", IndexFileSeeds(), Fuzzer.Iterations(600), CheckIndexFile);

    [Fact]
    public Task Server_manifest_reader_survives_mutated_manifests() =>
        Fuzzer.RunAsync(Project, "smil", [File.ReadAllBytes(RepositoryFiles.Sample("demo.ism")),
            Encoding.UTF8.GetBytes("""<smil><head><meta name="a" content="b"/></head><body><switch><video src="v.mp4" systemBitrate="1"><param name="trackID" value="1"/></video></switch></body></smil>"""),
            Encoding.UTF8.GetBytes("""<smil><head><meta name="mpd_playout" content="true"/><paramGroup id="widevine"><meta name="key" content="0123456789abcdef0123456789abcdef:3a2a1b68dd2bd9b2eeb25e84c4776668"/><meta name="drm_specific_data" content="CAESEA=="/></paramGroup><paramGroup id="clearkey"><meta name="key" content="0123456789abcdef0123456789abcdef:3a2a1b68dd2bd9b2eeb25e84c4776668"/></paramGroup></head><body><switch><video src="v.mp4"/></switch></body></smil>""")],
            Fuzzer.Iterations(3000), CheckServerManifest);

    [Fact]
    public async Task Every_input_that_ever_failed_now_passes()
    {
        foreach (var input in Fuzzer.Regressions(Project, "boxes")) await CheckBoxes(input);
        foreach (var input in Fuzzer.Regressions(Project, "files")) await CheckFile(input);
        foreach (var input in Fuzzer.Regressions(Project, "index-files")) await CheckIndexFile(input);
        foreach (var input in Fuzzer.Regressions(Project, "smil")) await CheckServerManifest(input);
        foreach (var input in Fuzzer.Regressions(Project, "cpix")) await CheckCpix(input);
    }
}
