using Origin.Cli.Locations;
using Origin.Cli.Output;

namespace Origin.Cli;

/// <summary>What every command works with: where text goes, how progress shows, and storage access.</summary>
public sealed class ToolContext(TextWriter output, StorageAccess storage, bool interactive)
{
    public TextWriter Output => output;
    public StorageAccess Storage => storage;
    public ProgressDisplay Progress { get; } = new(output, interactive);
}
