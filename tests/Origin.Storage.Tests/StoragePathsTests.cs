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
}
