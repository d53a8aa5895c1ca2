using System.Collections.Generic;
using System.Threading.Tasks;
using TwatCache;

namespace AssemblyWithErrors;

/// <summary>[InvalidateCache] misuse: each method below fails the build with one error naming it.</summary>
public class InvalidationMisuse
{
    [MCache]
    public static int Target(int id) => id;

    [MCache]
    public int Owned(int id) => id;

    public static int Uncached(int id) => id;

    [MCache]
    public static int Pick(int id) => id;

    [MCache]
    public static int Pick(int id, [NoKey] string note) => id;

    [MCache]
    public static int Find(int id) => id;

    [MCache]
    public static int Find(string name) => name.Length;

    [MCache]
    [InvalidateCache(nameof(Target))]
    public static int CachedAndInvalidating(int id) => id;

    [InvalidateCache(nameof(Target))]
    public static void Generic<T>(int id)
    {
    }

    [InvalidateCache(nameof(Target))]
    public static async void InvalidatingAsyncVoid(int id) => await Task.Yield();

    [InvalidateCache("Missing")]
    public static void NotFound(int id)
    {
    }

    [InvalidateCache(typeof(string), nameof(string.Trim))]
    public static void Elsewhere()
    {
    }

    [InvalidateCache(nameof(Uncached))]
    public static void NotCached(int id)
    {
    }

    [InvalidateCache(typeof(InvalidationTargets), "Hidden")]
    public static void NotAccessible(int id)
    {
    }

    [InvalidateCache(nameof(Pick))]
    public static void Ambiguous(int id)
    {
    }

    [InvalidateCache(nameof(Find))]
    public static void NoOverloadMatches(long id)
    {
    }

    [InvalidateCache(nameof(Target))]
    public static void Unmatched(string id)
    {
    }

    [InvalidateCache(nameof(Owned))]
    public static void WithoutInstance(int id)
    {
    }

    [InvalidateCache(typeof(InvalidationBox<>), nameof(InvalidationBox<int>.Size))]
    public static void GenericTarget(int id)
    {
    }

    [InvalidateCache(nameof(Target))]
    public static IEnumerable<int> InvalidatingIterator(int id)
    {
        yield return id;
    }
}

public abstract class AbstractInvalidating
{
    public int Concrete(int value) => value;

    [InvalidateCache(typeof(InvalidationMisuse), nameof(InvalidationMisuse.Target))]
    public abstract void Abstract(int id);
}

public class InvalidationTargets
{
    [MCache]
    static int Hidden(int id) => id;

    public int Use(int id) => Hidden(id);
}

public class InvalidationBox<T>
{
    [MCache]
    public static int Size(int id) => id;
}
