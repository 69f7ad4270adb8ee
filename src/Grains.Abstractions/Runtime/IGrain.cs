namespace Framecast.Grains.Abstractions.Runtime;

/// <summary>Marker for grain interfaces. Every method returns Task or Task&lt;T&gt;.</summary>
public interface IGrain;

public interface IGrainWithGuidKey : IGrain;

public interface IGrainWithStringKey : IGrain;
