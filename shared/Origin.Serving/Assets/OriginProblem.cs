namespace Origin.Serving.Assets;

/// <summary>An expected failure with the HTTP status and one-line reason to answer with (never a stack trace).</summary>
public sealed class OriginProblem(int status, string reason) : Exception(reason)
{
    public int Status { get; } = status;
}
