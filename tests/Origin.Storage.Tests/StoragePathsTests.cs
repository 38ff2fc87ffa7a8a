namespace Origin.Storage.Tests;

public sealed class StoragePathsTests
{
    [Theory]
    [InlineData("media/x.ismv", "media/x.ismv")]
    [InlineData("x.ismv?sig=abc&se=2030", "x.ismv")]
    [InlineData("https://cdn.example/a/x.ismv?X-Amz-Signature=abc", "https://cdn.example/a/x.ismv")]
    [InlineData("https://user:pw@cdn.example/a/x.ismv#frag", "https://cdn.example/a/x.ismv")]
    [InlineData("https://user:p@w@cdn.example", "https://cdn.example")]
    [InlineData("s3://bucket/key@1.ismv", "s3://bucket/key@1.ismv")]
    public void Display_forms_drop_queries_fragments_and_credentials(string locator, string shown) =>
        Assert.Equal(shown, StoragePaths.ForDisplay(locator));

    [Theory]
    [InlineData("a/b.ismv", "a|b.ismv")]
    [InlineData("/a//b.ismv/", "a|b.ismv")]
    [InlineData("a/../b", null)]
    [InlineData("./b", null)]
    [InlineData("a\\b", null)]
    [InlineData("a\u0000.ismv", null)]
    [InlineData("a/\u001fb", null)]
    [InlineData("key:with@odd+chars", "key:with@odd+chars")]
    public void One_rule_for_every_store_keeps_paths_inside_the_root(string path, string? segments) =>
        Assert.Equal(segments, StoragePaths.SafeSegments(path) is { } s ? string.Join('|', s) : null);
}
