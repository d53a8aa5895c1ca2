using Mono.Cecil;

namespace TwatCache.Fody.Weaving;

/// <summary>How a method delivers its result, which decides what the cache stores and which site API it calls.</summary>
enum MethodKind
{
    /// <summary>Returns its result directly.</summary>
    Sync,

    /// <summary>Returns <c>Task&lt;T&gt;</c>: the cache stores the completed result.</summary>
    Task,

    /// <summary>Returns <c>ValueTask&lt;T&gt;</c>: the cache stores the completed result.</summary>
    ValueTask,
}

static class MethodKinds
{
    public static MethodKind Of(TypeReference returnType) =>
        returnType is GenericInstanceType instance
            ? instance.ElementType.FullName switch
            {
                "System.Threading.Tasks.Task`1" => MethodKind.Task,
                "System.Threading.Tasks.ValueTask`1" => MethodKind.ValueTask,
                _ => MethodKind.Sync,
            }
            : MethodKind.Sync;
}
