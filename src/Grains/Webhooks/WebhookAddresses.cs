using System.Net;
using System.Net.Sockets;

namespace Framecast.Grains.Webhooks;

/// <summary>
/// The SSRF guard's address rule, for the URL a webhook is registered with and for the address a send actually
/// connects to after DNS: public unicast only. Refused: unspecified, loopback, private (RFC 1918, IPv6 ULA — which
/// covers the AWS metadata address fd00:ec2::254), link-local (which covers 169.254.169.254), CGNAT 100.64/10,
/// the IETF and benchmark blocks, multicast and reserved space; an IPv4-mapped IPv6 address is judged as its IPv4.
/// </summary>
public static class WebhookAddresses
{
    public static bool IsAllowed(IPAddress address, bool allowLoopback)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (allowLoopback && address.Equals(IPAddress.Loopback))
        {
            return true;
        }
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0                                    // "this network"
        || b[0] == 10                                // private
        || b[0] == 127                               // loopback
        || (b[0] == 100 && (b[1] & 0xC0) == 64)      // CGNAT 100.64.0.0/10
        || (b[0] == 169 && b[1] == 254)              // link-local, cloud metadata
        || (b[0] == 172 && (b[1] & 0xF0) == 16)      // private 172.16.0.0/12
        || (b[0] == 192 && b[1] == 0 && b[2] == 0)   // IETF protocol assignments
        || (b[0] == 192 && b[1] == 168)              // private
        || (b[0] == 198 && (b[1] & 0xFE) == 18)      // benchmarking 198.18.0.0/15
        || b[0] >= 224);                             // multicast, reserved, broadcast

    private static bool IsPublicV6(IPAddress address)
    {
        if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Loopback) || address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
        {
            return false;
        }
        var b = address.GetAddressBytes();
        // NAT64 (64:ff9b::/96) reaches the IPv4 address it embeds: judge that one.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublicV4(b[12..]);
        }
        // Only global unicast (2000::/3) is public; everything else is reserved or special.
        return (b[0] & 0xE0) == 0x20;
    }
}
