namespace Origin.Serving.Tests.Support;

/// <summary>Tests that measure the whole process (memory, allocations) run after the others, one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SoloCollection
{
    public const string Name = "runs alone";
}
