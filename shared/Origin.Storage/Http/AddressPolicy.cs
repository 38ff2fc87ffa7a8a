using System.Net;
using System.Net.Sockets;

namespace Origin.Storage.Http;

/// <summary>
/// Which addresses outbound requests may connect to. Checked on the address actually connected to (after DNS),
/// so a public name resolving to 127.0.0.1 or 169.254.169.254, or a decimal/octal/IPv6 spelling of one, is refused.
/// </summary>
public sealed class AddressPolicy(bool allowPrivate)
{
    public static AddressPolicy PublicOnly { get; } = new(false);
    public static AddressPolicy Any { get; } = new(true);

    public bool Allows(IPAddress address) => allowPrivate || IsPublic(address);

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return false;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] == 0 || b[0] == 10 || b[0] == 127                   // this network, private, loopback
                || (b[0] == 100 && b[1] >= 64 && b[1] < 128)                    // carrier-grade NAT
                || (b[0] == 169 && b[1] == 254)                                 // link-local, cloud metadata
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32)                     // private
                || (b[0] == 192 && b[1] == 168)                                 // private
                || (b[0] == 192 && b[1] == 0 && b[2] == 0)                      // IETF protocol assignments
                || b[0] >= 224);                                                // multicast, reserved, broadcast
        }
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast) return false;
        var v6 = address.GetAddressBytes();
        return (v6[0] & 0xfe) != 0xfc; // unique local fc00::/7 (AWS metadata fd00:ec2::254 among them)
    }

    /// <summary>A SocketsHttpHandler connect callback that resolves the host and connects only to allowed addresses.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = Array.FindAll(addresses, Allows);
        if (allowed.Length == 0)
            throw new UpstreamRefusedException($"{endpoint.Host} resolves to an address that is not allowed ({string.Join(", ", addresses.Select(a => a.ToString()))})");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}

/// <summary>An outbound request the policy refused (host or address not allowed).</summary>
public sealed class UpstreamRefusedException(string message) : Exception(message);
