using Origin.Storage;
using Origin.Storage.File;

namespace Origin.Testing;

/// <summary>Finds the repository's files (sample media, schemas, goldens) from the test binaries' folder.</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();
    public static string Samples => Path.Combine(Root, "samples", "media");
    public static string Sample(string name) => Path.Combine(Samples, name);
    public static string SharedSchemas => Path.GetFullPath(Path.Combine(Root, "..", "shared", "schemas"));

    /// <summary>Set UPDATE_GOLDEN=1 to rewrite golden files instead of comparing against them.</summary>
    public static bool UpdateGolden => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static async Task<IStorageObject> OpenSampleAsync(string name) => await OpenAsync(Samples, name);

    public static async Task<IStorageObject> OpenAsync(string folder, string name)
    {
        var result = await new FileStorage(folder).OpenAsync(name, CancellationToken.None);
        return result.Object ?? throw new FileNotFoundException(name);
    }

    static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Serverless.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
