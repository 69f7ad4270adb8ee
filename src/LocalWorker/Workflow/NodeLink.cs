using System.Text.Json.Nodes;

namespace Framecast.LocalWorker.Workflow;

/// <summary>A ComfyUI link: <c>["&lt;node id&gt;", &lt;output index&gt;]</c>.</summary>
public sealed record NodeLink(string NodeId, int OutputIndex)
{
    public static bool TryParse(JsonNode? value, out NodeLink link)
    {
        link = null!;
        if (value is not JsonArray { Count: 2 } pair
            || pair[0] is not JsonValue id || !id.TryGetValue(out string? nodeId)
            || pair[1] is not JsonValue index || !index.TryGetValue(out int outputIndex) || outputIndex < 0)
        {
            return false;
        }

        link = new NodeLink(nodeId, outputIndex);
        return true;
    }

    /// <summary>The links held by an input: a single link, or a list of links (used by FramecastConcat).</summary>
    public static IReadOnlyList<NodeLink> FindIn(JsonNode? value)
    {
        if (TryParse(value, out var single))
        {
            return [single];
        }

        if (value is JsonArray items && items.Count > 0)
        {
            var links = new List<NodeLink>(items.Count);
            foreach (var item in items)
            {
                if (!TryParse(item, out var link))
                {
                    return [];
                }

                links.Add(link);
            }

            return links;
        }

        return [];
    }
}
