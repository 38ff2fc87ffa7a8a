using Origin.Storage.File;

namespace Origin.Storage.Tests;

/// <summary>
/// Symbolic links in a file: mount: followed to files inside the folder (the target's size and validator, a replaced
/// target noticed), refused when they lead outside unless allowed, 404 when they dangle or loop.
/// </summary>
public sealed class FileLinkTests : IDisposable
{
    readonly string _top = Directory.CreateTempSubdirectory("file-links").FullName;
    readonly string _root;
    readonly string _outside;
    readonly byte[] _content = [.. Enumerable.Range(0, 10_007).Select(i => (byte)(i * 7))];

    public FileLinkTests()
    {
        _root = Directory.CreateDirectory(Path.Combine(_top, "media")).FullName;
        _outside = Directory.CreateDirectory(Path.Combine(_top, "elsewhere")).FullName;
        Directory.CreateDirectory(Path.Combine(_root, "originals"));
        System.IO.File.WriteAllBytes(Path.Combine(_root, "originals", "movie.ismv"), _content);
        System.IO.File.WriteAllBytes(Path.Combine(_outside, "secret.ismv"), _content);
    }

    public void Dispose() => Directory.Delete(_top, recursive: true);

    void Link(string path, string target) => System.IO.File.CreateSymbolicLink(Path.Combine(_root, path), target);

    [Theory]
    [InlineData("originals/movie.ismv")] // relative, as `ln -s` in a library usually makes them
    [InlineData("ABSOLUTE")]
    public async Task A_link_to_a_file_inside_the_folder_reads_as_its_target(string target)
    {
        Link("movie.ismv", target == "ABSOLUTE" ? Path.Combine(_root, "originals", "movie.ismv") : target);
        var opened = await new FileStorage(_root).OpenAsync("movie.ismv", default);
        Assert.Equal(StorageStatus.Ok, opened.Status);
        Assert.Equal(_content.Length, opened.Object!.Info.Length);
        var bytes = new byte[_content.Length];
        Assert.Equal(bytes.Length, await opened.Object.ReadAsync(0, bytes, default));
        Assert.Equal(_content, bytes);
    }

    [Fact]
    public async Task Linked_folders_inside_the_mount_and_a_linked_mount_root_work()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "library"), "originals");
        var linkedRoot = Path.Combine(_top, "media-link");
        Directory.CreateSymbolicLink(linkedRoot, _root);
        Assert.Equal(StorageStatus.Ok, (await new FileStorage(_root).OpenAsync("library/movie.ismv", default)).Status);
        Assert.Equal(StorageStatus.Ok, (await new FileStorage(linkedRoot).OpenAsync("originals/movie.ismv", default)).Status);
    }

    [Fact]
    public async Task A_replaced_target_is_noticed_like_a_replaced_file()
    {
        Link("movie.ismv", "originals/movie.ismv");
        var opened = (await new FileStorage(_root).OpenAsync("movie.ismv", default)).Object!;
        System.IO.File.WriteAllBytes(Path.Combine(_root, "originals", "movie.ismv"), _content[..100]);
        var e = await Assert.ThrowsAsync<StorageException>(async () => await opened.ReadAsync(0, new byte[10], default));
        Assert.Equal(StorageStatus.Changed, e.Status);
    }

    [Theory]
    [InlineData("../elsewhere/secret.ismv")]
    [InlineData("/etc/hostname")]
    public async Task A_link_that_leads_outside_the_folder_is_refused_unless_allowed(string target)
    {
        Link("movie.ismv", target);
        var refused = await new FileStorage(_root).OpenAsync("movie.ismv", default);
        Assert.Equal(StorageStatus.Forbidden, refused.Status);
        Assert.Contains("leads outside the mount", refused.Reason);
        Assert.Equal(StorageStatus.Forbidden,
            Assert.Throws<StorageException>(() => new FileStorage(_root).Attach("movie.ismv", new StorageObjectInfo(1, "x"))).Status);
        if (System.IO.File.Exists(Path.GetFullPath(target, _root)))
            Assert.Equal(StorageStatus.Ok, (await new FileStorage(_root, linksOutsideRoot: true).OpenAsync("movie.ismv", default)).Status);
    }

    [Fact]
    public async Task A_folder_link_that_leads_outside_is_refused_too()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "shared"), _outside);
        Assert.Equal(StorageStatus.Forbidden, (await new FileStorage(_root).OpenAsync("shared/secret.ismv", default)).Status);
    }

    [Fact]
    public async Task Dangling_and_looping_links_are_not_found()
    {
        Link("gone.ismv", "originals/deleted.ismv");
        Link("a.ismv", "b.ismv");
        Link("b.ismv", "a.ismv");
        var storage = new FileStorage(_root);
        Assert.Equal(StorageStatus.NotFound, (await storage.OpenAsync("gone.ismv", default)).Status);
        Assert.Equal(StorageStatus.NotFound, (await storage.OpenAsync("a.ismv", default)).Status);
    }
}
