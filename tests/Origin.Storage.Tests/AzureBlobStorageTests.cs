using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Origin.Storage.Azure;
using Origin.Testing;

namespace Origin.Storage.Tests;

/// <summary>The storage contract against Azure Blob, through Azurite on loopback.</summary>
public sealed class AzureBlobStorageTests : StorageConformanceTests, IAsyncLifetime
{
    Emulator _azurite = null!;
    BlobContainerClient _container = null!;
    IMediaStorage _storage = null!;

    protected override IMediaStorage Storage => _storage;

    public async Task InitializeAsync()
    {
        _azurite = await Emulator.StartAzuriteAsync();
        _container = new BlobServiceClient(_azurite.AzuriteConnectionString).GetBlobContainerClient("media");
        await _container.CreateIfNotExistsAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Origin:Azure:ConnectionString"] = _azurite.AzuriteConnectionString,
        }).Build();
        _storage = new AzureStorageProvider(configuration).Open("az://media/root");
    }

    protected override async Task PutAsync(string path, byte[] content) =>
        await _container.GetBlobClient("root/" + path).UploadAsync(new BinaryData(content), overwrite: true);

    public async Task DisposeAsync() => await _azurite.DisposeAsync();
}
