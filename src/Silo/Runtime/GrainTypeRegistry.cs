using Framecast.Grains.Abstractions.Runtime;

namespace Framecast.Silo.Runtime;

/// <summary>Which class implements which grain interface, by the interface's type name.</summary>
public sealed class GrainTypeRegistry
{
    private readonly Dictionary<string, GrainType> _byName = new(StringComparer.Ordinal);

    public void Register(Type grainInterface, Type implementation)
    {
        if (!grainInterface.IsInterface || !typeof(IGrain).IsAssignableFrom(grainInterface))
        {
            throw new ArgumentException($"{grainInterface} is not a grain interface.", nameof(grainInterface));
        }
        if (!typeof(Grain).IsAssignableFrom(implementation) || !grainInterface.IsAssignableFrom(implementation))
        {
            throw new ArgumentException($"{implementation} is not a grain implementing {grainInterface}.", nameof(implementation));
        }
        _byName[GrainId.TypeName(grainInterface)] = new GrainType(grainInterface, implementation);
    }

    public GrainType Resolve(string typeName) =>
        _byName.TryGetValue(typeName, out var type)
            ? type
            : throw new InvalidOperationException($"No grain class is registered for '{typeName}'.");

    public bool IsRegistered(string typeName) => _byName.ContainsKey(typeName);
}

public sealed record GrainType(Type Interface, Type Implementation);
