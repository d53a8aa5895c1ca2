using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

namespace TwatCache.Diagnostics;

/// <summary>
/// Every cached method that has been called in this process, in the order of their first calls.
/// Read only by <see cref="Cache.Stats"/> and <see cref="Cache.Clear()"/>; never on a call path.
/// Each engine's per-method object registers itself once, when it is created.
/// </summary>
internal static class CacheRegistry
{
    // A queue, not a dictionary: registration is once per method, reads are rare snapshots, and the
    // order of first calls is the order Stats() reports.
    static readonly ConcurrentQueue<ICachedMethodInfo> Methods = new();

    public static void Register(ICachedMethodInfo method) => Methods.Enqueue(method);

    /// <summary>A snapshot: methods registered while a caller enumerates it are not seen.</summary>
    public static ICachedMethodInfo[] Snapshot() => Methods.ToArray();

    public static IEnumerable<ICachedMethodInfo> Matching(Type type, string methodName)
    {
        foreach (var method in Methods)
        {
            if (method.MethodName == methodName && Matches(type, method.DeclaringType))
            {
                yield return method;
            }
        }
    }

    // An open generic type definition (typeof(Repo<>)) matches each of its closed types.
    static bool Matches(Type requested, Type declaring) =>
        requested == declaring
        || (requested.IsGenericTypeDefinition && declaring.IsConstructedGenericType && declaring.GetGenericTypeDefinition() == requested);
}
