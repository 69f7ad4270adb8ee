using System.Reflection;
using Framecast.Grains.Abstractions.Runtime;

namespace Framecast.Silo.Runtime;

/// <summary>One grain call as the call filters see it.</summary>
public sealed class GrainCallContext(GrainId grainId, Grain grain, MethodInfo method, object?[] arguments)
{
    public GrainId GrainId { get; } = grainId;

    public Grain Grain { get; } = grain;

    public MethodInfo Method { get; } = method;

    public object?[] Arguments { get; } = arguments;

    public object? Result { get; set; }
}
