using System.Net;
using Framecast.Grains.Webhooks;

namespace Framecast.Grains.Tests.Webhooks;

/// <summary>The SSRF guard's address rule: public unicast only, and with the development setting 127.0.0.1 alone besides.</summary>
public sealed class WebhookAddressesTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("10.20.30.40")]
    [InlineData("100.64.0.1")]
    [InlineData("100.127.255.254")]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.8.8")]
    [InlineData("169.254.169.254")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.0.0.8")]
    [InlineData("192.168.1.1")]
    [InlineData("198.18.0.1")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fc00::1")]
    [InlineData("fe80::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("64:ff9b::a00:1")]
    public void A_non_public_address_is_refused(string address) =>
        Assert.False(WebhookAddresses.IsAllowed(IPAddress.Parse(address), allowLoopback: false));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("100.128.0.1")]
    [InlineData("172.32.0.1")]
    [InlineData("93.184.216.34")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void A_public_address_is_allowed(string address) =>
        Assert.True(WebhookAddresses.IsAllowed(IPAddress.Parse(address), allowLoopback: false));

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("127.0.0.2", false)]
    [InlineData("::1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("10.0.0.1", false)]
    public void The_development_setting_admits_127_0_0_1_and_nothing_else(string address, bool allowed) =>
        Assert.Equal(allowed, WebhookAddresses.IsAllowed(IPAddress.Parse(address), allowLoopback: true));
}
