using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Framecast.Api.Hosting;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> (and <c>-Proto</c>) are believed: comma-separated addresses
/// and CIDR networks. Empty (the default) believes nobody, so a client cannot pick its own address (and with it a
/// fresh anonymous or sign-in bucket) by sending the header.
/// </summary>
public sealed class TrustedProxyOptions : IValidatableObject
{
    [ConfigurationKeyName("TRUSTED_PROXIES")]
    public string TrustedProxies { get; set; } = "";

    public IReadOnlyList<IPAddress> Addresses => Entries().Where(e => !e.Contains('/')).Select(IPAddress.Parse).ToList();

    public IReadOnlyList<IPNetwork> Networks => Entries().Where(e => e.Contains('/')).Select(IPNetwork.Parse).ToList();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var entry in Entries())
        {
            var valid = entry.Contains('/') ? IPNetwork.TryParse(entry, out _) : IPAddress.TryParse(entry, out _);
            if (!valid)
            {
                yield return new ValidationResult($"TRUSTED_PROXIES: '{entry}' is neither an IP address nor a CIDR network.");
            }
        }
    }

    private IEnumerable<string> Entries() =>
        TrustedProxies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
