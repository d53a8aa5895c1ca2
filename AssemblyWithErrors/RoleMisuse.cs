using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TwatCache;

namespace AssemblyWithErrors;

/// <summary>
/// Members a class-level attribute skips, marked directly: equality members (the cache calls them
/// itself), enumerators (used up by one loop) and lazy sequences (the query, not its items, would be kept).
/// </summary>
public sealed class RoleMisuse : IEquatable<RoleMisuse>, IEnumerable<int>
{
    readonly int[] items = [1, 2, 3];

    [MCache]
    public override bool Equals(object? obj) => obj is RoleMisuse other && Equals(other);

    [MCache]
    public bool Equals(RoleMisuse? other) => other is not null && items.SequenceEqual(other.items);

    [MCache]
    public override int GetHashCode() => items.Length;

    [MCache]
    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    [MCache]
    public IEnumerator<int> Cursor(int skip) => items.Skip(skip).GetEnumerator();

    [MCache]
    public static IEnumerable<int> LazyQuery(int limit) => Enumerable.Range(0, limit).Where(i => i % 2 == 0);

    [ACache]
    public static Task<IEnumerable<int>> LazyQueryAsync(int limit) => Task.FromResult(Enumerable.Range(0, limit).Where(i => i % 2 == 0));
}

/// <summary>Every by-ref parameter is named in one message; two caching attributes are both named.</summary>
public static class SignatureMisuse
{
    [MCache]
    public static int TwoByRef(ref int first, int middle, out int second)
    {
        second = first + middle;
        return second;
    }

    [MCache]
    [BCache]
    public static int MemoryAndDatabase(int value) => value;
}
