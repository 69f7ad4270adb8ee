using System.Text.Json.Nodes;

namespace Framecast.LocalWorker.Workflow;

/// <summary>A parsed ComfyUI API-format workflow whose nodes are listed in an executable (topological) order.</summary>
public sealed class WorkflowGraph
{
    private WorkflowGraph(IReadOnlyList<WorkflowNode> orderedNodes) => OrderedNodes = orderedNodes;

    /// <summary>Dependencies first; ties keep the document order, so scenes render in the order they are written.</summary>
    public IReadOnlyList<WorkflowNode> OrderedNodes { get; }

    public static WorkflowGraph Parse(JsonNode? workflow)
    {
        if (workflow is not JsonObject nodes || nodes.Count == 0)
        {
            throw JobFailedException.Validation("input.workflow must be a non-empty object of node id → {class_type, inputs}.");
        }

        var parsed = new List<WorkflowNode>(nodes.Count);
        foreach (var (id, value) in nodes)
        {
            parsed.Add(ParseNode(id, value));
        }

        var ids = parsed.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var node in parsed)
        {
            if (node.Dependencies.FirstOrDefault(link => !ids.Contains(link.NodeId)) is { } dangling)
            {
                throw JobFailedException.Validation($"Node {node.Id} ({node.ClassType}) links to node {dangling.NodeId}, which does not exist.");
            }
        }

        return new WorkflowGraph(Order(parsed));
    }

    private static WorkflowNode ParseNode(string id, JsonNode? value)
    {
        if (value is not JsonObject node || node["class_type"] is not JsonValue classValue
            || !classValue.TryGetValue(out string? classType) || classType.Length == 0)
        {
            throw JobFailedException.Validation($"Node {id} must be an object with a string class_type.");
        }

        var inputs = node["inputs"] switch
        {
            null => [],
            JsonObject obj => obj,
            _ => throw JobFailedException.Validation($"Node {id} ({classType}): inputs must be an object."),
        };

        var dependencies = inputs.SelectMany(input => NodeLink.FindIn(input.Value)).ToList();
        return new WorkflowNode(id, classType, inputs, dependencies);
    }

    private static List<WorkflowNode> Order(List<WorkflowNode> nodes)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<WorkflowNode>(nodes);
        var ordered = new List<WorkflowNode>(nodes.Count);
        while (pending.Count > 0)
        {
            var ready = pending.FindIndex(n => n.Dependencies.All(link => done.Contains(link.NodeId)));
            if (ready < 0)
            {
                var stuck = string.Join(", ", pending.Select(n => n.Id));
                throw JobFailedException.Validation($"input.workflow has a cycle among nodes {stuck}.");
            }

            ordered.Add(pending[ready]);
            done.Add(pending[ready].Id);
            pending.RemoveAt(ready);
        }

        return ordered;
    }
}
