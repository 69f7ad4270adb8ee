using System.ComponentModel.DataAnnotations;
using Framecast.Api.Hosting;

namespace Framecast.Api.Tests.Hosting;

public sealed class TrustedProxySettingsTests
{
    [Theory]
    [InlineData("10.0.0.1,not-an-address")]
    [InlineData("10.0.0.0/33")]
    public void A_malformed_trusted_proxy_setting_is_refused_with_its_name(string value)
    {
        var options = new TrustedProxyOptions { TrustedProxies = value };
        var problems = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true));
        Assert.Contains("TRUSTED_PROXIES", Assert.Single(problems).ErrorMessage);
    }
}
