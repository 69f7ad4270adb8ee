using System.Text.Json;
using Orleans.Serialization;

namespace Framecast.Grains.Abstractions;

/// <summary>What every silo and client adds to Orleans' serializer for the types that cross grain calls.</summary>
public static class FramecastSerialization
{
    /// <summary>JsonElement (storyboards, progress, outputs) travels as its JSON text.</summary>
    public static ISerializerBuilder AddFramecastTypes(this ISerializerBuilder serializer) =>
        serializer.AddJsonSerializer(isSupported: type => type == typeof(JsonElement));
}
