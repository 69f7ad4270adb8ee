using System.Collections.Concurrent;
using System.Reflection;
using Framecast.Grains.Abstractions.Runtime;

namespace Framecast.Silo.Runtime;

/// <summary>
/// The proxy a caller holds for a grain: every interface method becomes a message to the
/// grain's activation, run as a turn. Orleans generates these; here DispatchProxy does.
/// </summary>
public class GrainReference : DispatchProxy
{
    private static readonly ConcurrentDictionary<Type, Func<Task<object?>, object>> Converters = new();
    private static readonly MethodInfo ConvertMethod =
        typeof(GrainReference).GetMethod(nameof(Convert), BindingFlags.NonPublic | BindingFlags.Static)!;

    private GrainRuntime _runtime = null!;
    private GrainId _grainId;

    public static TGrainInterface Create<TGrainInterface>(GrainRuntime runtime, GrainId grainId)
        where TGrainInterface : IGrain
    {
        var proxy = Create<TGrainInterface, GrainReference>();
        var reference = (GrainReference)(object)proxy;
        reference._runtime = runtime;
        reference._grainId = grainId;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var call = _runtime.InvokeAsync(_grainId, targetMethod, args ?? []);
        var returnType = targetMethod.ReturnType;
        if (returnType == typeof(Task))
        {
            return call;
        }
        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>))
        {
            var convert = Converters.GetOrAdd(returnType.GetGenericArguments()[0], static resultType =>
                ConvertMethod.MakeGenericMethod(resultType).CreateDelegate<Func<Task<object?>, object>>());
            return convert(call);
        }
        throw new NotSupportedException($"Grain method {targetMethod.Name} must return Task or Task<T>.");
    }

    private static object Convert<T>(Task<object?> call) => ConvertAsync<T>(call);

    private static async Task<T> ConvertAsync<T>(Task<object?> call) => (T)(await call)!;

    public override string ToString() => _grainId.ToString();
}
