using Framecast.Grains.Jobs;
using Framecast.Silo.Hosting;
using Framecast.Silo.ObjectStorage;
using Framecast.Silo.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Framecast.Silo.Tests.Hosting;

/// <summary>Settings come from environment variable names through the Options pattern and are checked at start.</summary>
public sealed class SettingsTests
{
    private static IConfiguration Environment(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static T Bound<T>(IConfiguration configuration) where T : class =>
        new ServiceCollection().AddSettings<T>(configuration).BuildServiceProvider().GetRequiredService<T>();

    [Fact]
    public void Variables_bind_by_their_documented_names_and_unset_ones_keep_the_local_defaults()
    {
        var jobs = Bound<JobExecutionOptions>(Environment(("JOB_REMINDER_MS", "2500"), ("JOB_POLL_INTERVAL_MS", "150")));
        var silo = Bound<SiloOptions>(Environment(("ORLEANS_SILO_PORT", "11112"), ("ORLEANS_ADVERTISED_IP", "10.0.0.7")));

        Assert.Equal(TimeSpan.FromMilliseconds(2500), jobs.ReminderPeriod);
        Assert.Equal(TimeSpan.FromMilliseconds(150), jobs.PollInterval);
        Assert.Equal(TimeSpan.FromMinutes(30), jobs.MaxProcessingTime);
        Assert.Equal(11112, silo.SiloPort);
        Assert.Equal(30000, silo.GatewayPort);
        Assert.Equal("10.0.0.7", silo.AdvertisedAddress.ToString());
    }

    [Fact]
    public void An_empty_s3_endpoint_means_aws_and_a_runpod_key_with_an_endpoint_means_the_real_runpod()
    {
        var storage = Bound<ObjectStorageOptions>(Environment(("S3_ENDPOINT", "")));
        var worker = Bound<WorkerBackendOptions>(Environment(("RUNPOD_API_KEY", "rp_secret"), ("RUNPOD_ENDPOINT_ID", "abc123")));
        var local = Bound<WorkerBackendOptions>(Environment());

        Assert.Null(storage.ServiceUrl);
        Assert.Equal("https://api.runpod.ai/v2/abc123", worker.EndpointUrl);
        Assert.False(worker.IsLocal);
        Assert.Equal("http://127.0.0.1:8189/v2/local", local.EndpointUrl);
    }

    [Theory]
    [InlineData("JOB_POLL_INTERVAL_MS", "0")]
    [InlineData("JOB_REMINDER_MS", "200")]
    [InlineData("JOB_POLL_INTERVAL_MS", "soon")]
    public void An_out_of_range_or_malformed_value_is_refused_with_its_variable_name(string key, string value)
    {
        var failure = Assert.ThrowsAny<Exception>(() => Bound<JobExecutionOptions>(Environment((key, value))));

        Assert.Contains(key, failure.Message + failure.InnerException?.Message);
    }

    [Fact]
    public async Task A_host_with_a_setting_that_cannot_work_does_not_start()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection([new("ORLEANS_SILO_PORT", "30000"), new("ORLEANS_GATEWAY_PORT", "30000")]);
        builder.Services.AddSettings<SiloOptions>(builder.Configuration);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ORLEANS_SILO_PORT and ORLEANS_GATEWAY_PORT must differ.", failure.Message);
    }
}
