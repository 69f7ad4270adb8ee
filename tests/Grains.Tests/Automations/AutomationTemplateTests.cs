using System.Text;
using System.Text.Json;
using Framecast.Grains.Abstractions.Automations;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Automations;

namespace Framecast.Grains.Tests.Automations;

/// <summary>Placeholders, their checks at create time, and the inbound signature, in memory.</summary>
public sealed class AutomationTemplateTests
{
    private static readonly DateTimeOffset Time = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [Fact]
    public void Strings_are_filled_a_whole_placeholder_keeps_the_values_type_and_keys_are_left_alone()
    {
        var spec = Json("""{"title":"{{variables.title}}","scenes":[{"id":"s1","prompt":"A {{trigger.payload.thing}} at {{trigger.time}}","duration":"{{trigger.payload.n}}","loop":"{{trigger.payload.flag}}"}],"{{trigger.payload.thing}}":1}""");
        var rendered = AutomationTemplate.Render(spec, new TemplateContext(Time, Json("""{"thing":"boat","n":3.5,"flag":true}"""), null,
            new Dictionary<string, string> { ["title"] = "Film of the {{trigger.payload.thing}}" }));
        var scene = rendered.GetProperty("scenes")[0];
        Assert.Equal("A boat at 2026-03-01T09:30:00Z", scene.GetProperty("prompt").GetString());
        Assert.Equal(3.5, scene.GetProperty("duration").GetDouble());
        Assert.True(scene.GetProperty("loop").GetBoolean());
        Assert.Equal("Film of the boat", rendered.GetProperty("title").GetString());
        Assert.True(rendered.TryGetProperty("{{trigger.payload.thing}}", out _));
    }

    [Fact]
    public void A_missing_payload_value_names_its_placeholder()
    {
        var spec = Json("""{"scenes":[{"prompt":"{{trigger.payload.a.b}}"}]}""");
        var missing = Assert.Throws<MissingTemplateValueException>(() =>
            AutomationTemplate.Render(spec, new TemplateContext(Time, Json("""{"a":{}}"""), null, new Dictionary<string, string>())));
        Assert.Equal("trigger.payload.a.b", missing.Placeholder);
    }

    [Theory]
    [InlineData("{{variables.nope}}", AutomationTriggerType.Webhook, "spec")]
    [InlineData("{{trigger.payload.x}}", AutomationTriggerType.Schedule, "spec")]
    [InlineData("{{trigger.asset.url}}", AutomationTriggerType.Webhook, "spec")]
    [InlineData("{{trigger.asset.size}}", AutomationTriggerType.AssetUpload, "spec")]
    [InlineData("{{trigger.whatever}}", AutomationTriggerType.Webhook, "spec")]
    [InlineData("{{ }}", AutomationTriggerType.Webhook, "spec")]
    public void Placeholders_the_trigger_cannot_fill_are_refused_at_create(string placeholder, AutomationTriggerType trigger, string field)
    {
        var spec = JsonSerializer.Serialize(new { scenes = new[] { new { prompt = placeholder } } });
        var refused = Assert.Throws<DomainException>(() => AutomationRules.RequireKnownPlaceholders(spec, trigger, new Dictionary<string, string>()));
        Assert.Equal(ErrorCodes.ValidationError, refused.Error);
        Assert.Equal(field, refused.Details!["field"]);
    }

    [Fact]
    public void Placeholders_valid_for_their_trigger_pass()
    {
        AutomationRules.RequireKnownPlaceholders("""{"a":"{{trigger.asset.url}} {{trigger.time}} {{variables.v}}"}""", AutomationTriggerType.AssetUpload,
            new Dictionary<string, string> { ["v"] = "{{trigger.asset.filename}}" });
        AutomationRules.RequireKnownPlaceholders("""{"a":"{{trigger.payload.a.0.b}}"}""", AutomationTriggerType.Webhook, new Dictionary<string, string>());
    }

    [Theory]
    [InlineData("* * * * *", true)]
    [InlineData("*/15 9-17 * * 1-5", true)]
    [InlineData("61 * * * *", false)]
    [InlineData("* * * *", false)]
    [InlineData("0 0 * * * *", false)]
    [InlineData("", false)]
    public void Cron_expressions_are_standard_five_field_ones(string cron, bool valid)
    {
        if (valid)
        {
            AutomationRules.ParseCron(cron);
        }
        else
        {
            Assert.Equal("trigger.cron", Assert.Throws<DomainException>(() => AutomationRules.ParseCron(cron)).Details!["field"]);
        }
    }

    [Fact]
    public void Time_zones_are_iana_ids()
    {
        Assert.Equal(TimeZoneInfo.Utc, AutomationRules.ParseTimeZone("UTC"));
        Assert.Equal("Europe/Berlin", AutomationRules.ParseTimeZone("Europe/Berlin").Id);
        Assert.Throws<DomainException>(() => AutomationRules.ParseTimeZone("Mars/Olympus_Mons"));
    }

    [Fact]
    public void A_signature_verifies_over_the_exact_body_within_five_minutes_only()
    {
        var secret = HookSignature.NewSecret();
        var body = Encoding.UTF8.GetBytes("""{"a":1}""");
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var header = HookSignature.HeaderValue(secret, now.ToUnixTimeSeconds(), body);
        Assert.NotNull(HookSignature.Verify(header, secret, body, now).Signature);
        Assert.NotNull(HookSignature.Verify(header, secret, body, now.AddSeconds(300)).Signature);
        Assert.Null(HookSignature.Verify(header, secret, body, now.AddSeconds(301)).Signature);
        Assert.Null(HookSignature.Verify(header, secret, body, now.AddSeconds(-301)).Signature);
        Assert.Null(HookSignature.Verify(header, secret, Encoding.UTF8.GetBytes("""{"a":2}"""), now).Signature);
        Assert.Null(HookSignature.Verify(header, HookSignature.NewSecret(), body, now).Signature);
        Assert.Null(HookSignature.Verify(null, secret, body, now).Signature);
        Assert.Null(HookSignature.Verify("v1=" + new string('0', 64), secret, body, now).Signature);
    }
}
