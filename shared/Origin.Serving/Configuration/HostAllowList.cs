namespace Origin.Serving.Configuration;

/// <summary>Host names a proxied mount may reach: exact names, or <c>*.example.com</c> for any subdomain.</summary>
public sealed class HostAllowList(IReadOnlyList<string> hosts)
{
    public IReadOnlyList<string> Hosts => hosts;

    public bool Allows(string host)
    {
        foreach (var allowed in hosts)
        {
            if (allowed.StartsWith("*.", StringComparison.Ordinal)
                ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase) && host.Length > allowed.Length - 1
                : string.Equals(host, allowed, StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }
}
