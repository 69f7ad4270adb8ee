namespace Framecast.Grains.Abstractions.Runtime;

/// <summary>The identity of one logical grain: its interface's type name and its key.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    public static GrainId For<TGrainInterface>(string key) where TGrainInterface : IGrain =>
        new(TypeName(typeof(TGrainInterface)), key);

    public static GrainId For<TGrainInterface>(Guid key) where TGrainInterface : IGrain =>
        For<TGrainInterface>(key.ToString("D"));

    public static string TypeName(Type grainInterface) => grainInterface.Name;

    public override string ToString() => $"{Type}/{Key}";
}
