using System;
using System.IO;
using System.Linq;
using TwatCache.Diagnostics;
using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;
using TwatCache.Serialization;

namespace TwatCache.Tests.Persistence;

/// <summary>
/// What every persistent store must do, run against each real store (a real SQLite file, real folders,
/// memory): the subclasses only say how to open one.
/// </summary>
public abstract class StoreContract : IDisposable
{
    private protected static readonly KeyHash MethodA = PersistentKeyBuilder<int>.MethodIdOf("Tests::A()");
    private protected static readonly KeyHash MethodB = PersistentKeyBuilder<int>.MethodIdOf("Tests::B()");
    static readonly EntryCodec Codec = new(false, null);

    protected TempFolder Temp { get; } = new();

    /// <summary>The method counters every store opened by <see cref="Open"/> counts its evictions in.</summary>
    private protected MethodCounters Counters { get; } = new();

    protected string Folder => Temp.Combine("cache");

    public void Dispose()
    {
        GC.SuppressFinalize(this);
        Temp.Dispose();
    }

    private protected abstract IPersistentStore Open(KeyHash method, int maxSize = 0);

    private protected static KeyHash K(int i) => KeyHash.Of(BitConverter.GetBytes(i));

    protected static byte[] Frame(int key, string value, long expiresMs = 0) =>
        Codec.Encode(K(key), PayloadKind.Json, System.Text.Encoding.UTF8.GetBytes(value), 0, expiresMs);

    private protected static string? Read(IPersistentStore store, int key, long now = 0) =>
        store.TryGet(K(key), now, out var frame) && Codec.TryDecode(K(key), frame, out _, out var payload, out _)
            ? System.Text.Encoding.UTF8.GetString(payload.Span)
            : null;

    [Fact]
    public void Stores_replaces_and_reads_entries()
    {
        using var store = Open(MethodA);
        Assert.Null(Read(store, 1));

        store.Set(K(1), Frame(1, "one"), 0, 0);
        store.Set(K(2), Frame(2, "two"), 0, 0);
        store.Set(K(1), Frame(1, "uno"), 0, 0);

        Assert.Equal("uno", Read(store, 1));
        Assert.Equal("two", Read(store, 2));
        Assert.Equal(2, store.Count());
    }

    [Fact]
    public void An_expired_entry_is_a_miss_and_is_removed()
    {
        using var store = Open(MethodA);
        store.Set(K(1), Frame(1, "short", expiresMs: 10_000), 0, 10_000);

        Assert.Equal("short", Read(store, 1, now: 9_999));
        Assert.Null(Read(store, 1, now: 10_000));
        Assert.Equal(0, store.Count());
        Assert.Equal(1, Counters.Evictions);
    }

    [Fact]
    public void Over_max_size_the_least_recently_used_entries_go()
    {
        using var store = Open(MethodA, maxSize: 3);
        store.Set(K(1), Frame(1, "1"), 1_000, 0);
        store.Set(K(2), Frame(2, "2"), 2_000, 0);
        store.Set(K(3), Frame(3, "3"), 3_000, 0);
        Assert.Equal("1", Read(store, 1, now: 4_000)); // 1 is now more recent than 2 and 3

        store.Set(K(4), Frame(4, "4"), 5_000, 0);
        store.Set(K(5), Frame(5, "5"), 6_000, 0);

        Assert.Null(Read(store, 2, now: 7_000));
        Assert.Null(Read(store, 3, now: 7_000));
        Assert.Equal(["1", "4", "5"], new[] { 1, 4, 5 }.Select(i => Read(store, i, now: 7_000)));
        Assert.Equal(3, store.Count());
        Assert.Equal(2, Counters.Evictions);
    }

    [Fact]
    public void A_full_store_evicts_a_tenth_of_max_size_at_once_and_never_holds_more()
    {
        using var store = Open(MethodA, maxSize: 20);
        for (var i = 0; i < 20; i++)
        {
            store.Set(K(i), Frame(i, "v"), (i + 1) * 1_000, 0);
        }

        Assert.Equal(20, store.Count());
        store.Set(K(20), Frame(20, "v"), 50_000, 0);

        // One batch, down to a tenth below MaxSize: the three least recent entries go, so the next 2 new entries evict nothing.
        Assert.Equal(18, store.Count());
        Assert.Equal(3, Counters.Evictions);
        Assert.Equal([null, null, null, "v", "v"], new[] { 0, 1, 2, 3, 20 }.Select(i => Read(store, i)));

        store.Set(K(21), Frame(21, "v"), 51_000, 0);
        store.Set(K(22), Frame(22, "v"), 52_000, 0);
        Assert.Equal(20, store.Count());
        Assert.Equal(3, Counters.Evictions);
    }

    [Fact]
    public void Clear_and_max_size_apply_to_one_method_only()
    {
        using var a = Open(MethodA, maxSize: 2);
        using var b = Open(MethodB, maxSize: 2);
        a.Set(K(1), Frame(1, "a1"), 1_000, 0);
        b.Set(K(2), Frame(2, "b2"), 2_000, 0);
        b.Set(K(3), Frame(3, "b3"), 3_000, 0);
        a.Set(K(4), Frame(4, "a4"), 4_000, 0);

        Assert.Equal(2, a.Count());
        Assert.Equal(2, b.Count());
        a.Clear();

        Assert.Equal(0, a.Count());
        Assert.Null(Read(a, 1));
        Assert.Equal("b2", Read(b, 2));
    }

    [Fact]
    public void Remove_drops_one_entry_and_ignores_a_missing_one()
    {
        using var store = Open(MethodA);
        store.Set(K(1), Frame(1, "one"), 0, 0);

        store.Remove(K(1));
        store.Remove(K(1));

        Assert.Null(Read(store, 1));
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    protected static UnixFileMode Mode(string path) => File.GetUnixFileMode(path);
}
