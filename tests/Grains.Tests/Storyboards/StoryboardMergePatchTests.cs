using System.Text.Json;
using Framecast.Grains.Abstractions.Errors;
using Framecast.Grains.Storyboards;

namespace Framecast.Grains.Tests.Storyboards;

public sealed class StoryboardMergePatchTests
{
    private static string Apply(string storyboard, string patch)
    {
        using var target = JsonDocument.Parse(storyboard);
        using var overrides = JsonDocument.Parse(patch);
        return StoryboardMergePatch.Apply(target.RootElement, overrides.RootElement).GetRawText();
    }

    private static void AssertJson(string expected, string actual) =>
        Assert.True(JsonElement.DeepEquals(JsonDocument.Parse(expected).RootElement, JsonDocument.Parse(actual).RootElement), actual);

    [Theory]
    // RFC 7386's own cases: replace, add, remove with null, nested merge, arrays replaced whole.
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":{"b":"c","d":1}}""", """{"a":{"b":"x","d":null}}""", """{"a":{"b":"x"}}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[3]}""", """{"a":[3]}""")]
    [InlineData("""{"a":"b"}""", """{"a":{"c":null,"d":2}}""", """{"a":{"d":2}}""")]
    [InlineData("""{"a":"b"}""", """{}""", """{"a":"b"}""")]
    public void Objects_merge_key_by_key_null_removes_and_arrays_are_replaced(string target, string patch, string expected) =>
        AssertJson(expected, Apply(target, patch));

    [Fact]
    public void An_object_for_a_list_of_identified_elements_merges_into_the_element_with_that_id_only()
    {
        var merged = Apply(
            """{"scenes":[{"id":"s1","prompt":"dawn","duration":2},{"id":"s2","prompt":"dusk","duration":3}],"title":"T"}""",
            """{"scenes":{"s2":{"prompt":"midnight"}}}""");

        AssertJson("""{"scenes":[{"id":"s1","prompt":"dawn","duration":2},{"id":"s2","prompt":"midnight","duration":3}],"title":"T"}""", merged);
    }

    [Fact]
    public void Null_for_an_id_removes_that_element_and_keeps_the_order_of_the_rest()
    {
        var merged = Apply("""{"scenes":[{"id":"a"},{"id":"b"},{"id":"c"}]}""", """{"scenes":{"b":null}}""");

        AssertJson("""{"scenes":[{"id":"a"},{"id":"c"}]}""", merged);
    }

    [Theory]
    [InlineData("""{"scenes":{"s9":{"prompt":"x"}}}""", "overrides.scenes.s9")]
    [InlineData("""{"scenes":{"s1":"x"}}""", "overrides.scenes.s1")]
    public void An_id_the_storyboard_lacks_or_a_non_object_for_an_element_is_a_validation_error_at_its_path(string patch, string field)
    {
        var error = Assert.Throws<DomainException>(() => Apply("""{"scenes":[{"id":"s1","prompt":"dawn"}]}""", patch));

        Assert.Equal(ErrorCodes.ValidationError, error.Error);
        Assert.Equal(field, error.Details!["field"]);
    }
}
