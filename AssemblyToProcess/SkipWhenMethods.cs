using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwatCache;

namespace AssemblyToProcess;

/// <summary>An order; one without lines (or none at all) is what the SkipWhen fixtures do not keep.</summary>
public sealed record Order(int Id, int Lines);

/// <summary>
/// [MCache]/[ACache] with SkipWhen: static, instance, async (Task and ValueTask), a predicate taking a base type
/// (an interface of the result) and a generic method. The key is the id only; <c>lines</c> ([NoKey]) decides whether
/// a result is kept, so a test can tell which run an answer came from.
/// </summary>
public class SkipWhenMethods
{
    public static int Runs;

    /// <summary>The result <see cref="GatedAsync"/> waits for; a test replaces it before calling.</summary>
    public static TaskCompletionSource<Order?> Gate = NewGate();

    public static TaskCompletionSource<Order?> NewGate() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A static method on the default engine: its stub looks up the holder's map itself.</summary>
    [MCache(SkipWhen = nameof(IsEmpty))]
    public static Order? Find(int id, [NoKey] int lines)
    {
        Interlocked.Increment(ref Runs);
        return lines < 0 ? null : new Order(id, lines);
    }

    /// <summary>An instance method, through the instance's site.</summary>
    [MCache(SkipWhen = nameof(IsEmpty))]
    public Order? FindHere(int id, [NoKey] int lines)
    {
        Interlocked.Increment(ref Runs);
        return lines < 0 ? null : new Order(id, lines);
    }

    /// <summary>The predicate takes the awaited result.</summary>
    [MCache(SkipWhen = nameof(IsEmpty))]
    public static async Task<Order?> FindAsync(int id, [NoKey] int lines)
    {
        await Task.Yield();
        Interlocked.Increment(ref Runs);
        return lines < 0 ? null : new Order(id, lines);
    }

    [ACache(SkipWhen = nameof(IsEmpty))]
    public static async ValueTask<Order?> FindValueAsync(int id, [NoKey] int lines)
    {
        await Task.Yield();
        Interlocked.Increment(ref Runs);
        return lines < 0 ? null : new Order(id, lines);
    }

    /// <summary>Callers of one id share one run, which ends when the test completes <see cref="Gate"/>.</summary>
    // The gate is the test's hand on the run, not an input: silence the warning that its result follows a mutable static.
    [ACache(SkipWhen = nameof(IsEmpty), IgnoreNondeterminism = true)]
    public static async Task<Order?> GatedAsync(int id)
    {
        Interlocked.Increment(ref Runs);
        return await Gate.Task.ConfigureAwait(false) is { } order ? order with { Id = id } : null;
    }

    /// <summary>Where <see cref="HeldAsync"/>'s predicate waits while a test holds it.</summary>
    public static readonly RetirementHold Hold = new();

    /// <summary><see cref="FindAsync"/> ending when <see cref="Hold"/> opens, with a predicate that waits on it: a test calls again while the run is being retired.</summary>
    // The hold is the test's hand on the run, not an input.
    [ACache(SkipWhen = nameof(IsEmptyAfterHold), IgnoreNondeterminism = true)]
    public static async Task<Order?> HeldAsync(int id, [NoKey] int lines)
    {
        await Hold.Opened.ConfigureAwait(false);
        Interlocked.Increment(ref Runs);
        return lines < 0 ? null : new Order(id, lines);
    }

    /// <summary>The predicate takes an interface the result implements.</summary>
    [MCache(SkipWhen = nameof(HasNoItems))]
    public static List<int> Numbers(int id, [NoKey] int count)
    {
        Interlocked.Increment(ref Runs);
        return Enumerable.Range(id, count).ToList();
    }

    /// <summary>A generic method: each instantiation's holder binds the predicate to its own List&lt;T&gt;.</summary>
    [MCache(SkipWhen = nameof(HasNoItems))]
    public static List<T> Repeat<T>(T item, [NoKey] int count)
    {
        Interlocked.Increment(ref Runs);
        return Enumerable.Repeat(item, count).ToList();
    }

    static bool IsEmpty(Order? order) => order is null || order.Lines == 0;

    static bool IsEmptyAfterHold(Order? order)
    {
        Hold.Pass();
        return IsEmpty(order);
    }

    static bool HasNoItems(ICollection items) => items.Count == 0;
}

/// <summary>A generic type: the predicate takes the type parameter, closed per instantiation.</summary>
public static class SkipWhenBox<T>
{
    public static int Runs;

    [MCache(SkipWhen = nameof(IsDefault))]
    public static T Echo(int id, [NoKey] T value)
    {
        Interlocked.Increment(ref Runs);
        return value;
    }

    static bool IsDefault(T value) => EqualityComparer<T>.Default.Equals(value, default!);
}

/// <summary>On a class, SkipWhen applies to every method it caches, each of whose results the predicate takes.</summary>
[MCache(SkipWhen = nameof(IsEmpty))]
public class SkipWhenClass
{
    public static int Runs;

    public Order? Find(int id, [NoKey] int lines)
    {
        Interlocked.Increment(ref Runs);
        return new Order(id, lines);
    }

    static bool IsEmpty(Order? order) => order is null || order.Lines == 0;
}

/// <summary>[BCache] and [FCache] with SkipWhen, sync and async, against real files.</summary>
public static class SkipWhenPersistent
{
    public static int Runs;

    [BCache(SkipWhen = nameof(IsEmpty))]
    public static int[] Lines(int id, [NoKey] int count)
    {
        Interlocked.Increment(ref Runs);
        return Enumerable.Range(id, count).ToArray();
    }

    [FCache(SkipWhen = nameof(IsEmpty))]
    public static int[] FileLines(int id, [NoKey] int count)
    {
        Interlocked.Increment(ref Runs);
        return Enumerable.Range(id, count).ToArray();
    }

    [BCache(SkipWhen = nameof(IsEmpty))]
    public static async Task<int[]> LinesAsync(int id, [NoKey] int count)
    {
        await Task.Yield();
        Interlocked.Increment(ref Runs);
        return Enumerable.Range(id, count).ToArray();
    }

    static bool IsEmpty(int[] lines) => lines.Length == 0;
}
