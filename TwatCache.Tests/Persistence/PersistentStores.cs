using System;
using TwatCache.Diagnostics;
using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;
using TwatCache.Serialization;

namespace TwatCache.Tests.Persistence;

/// <summary>
/// Opens a persistent engine as the one contract (<see cref="PersistentStore{TKey, TValue}"/>), the way a
/// persistent method opens it, over a real SQLite file or real folder: for tests of the contract itself.
/// </summary>
internal static class PersistentStores
{
    const string Identity = "TwatCache.Tests.Persistence.PersistentStores::Compute(System.Int32)";

    public static PersistentStore<ValueTuple<int>, TValue> Open<TValue>(string attribute, string folder, MethodCounters counters, TimeProvider clock,
        int maxSize = 0, double ttl = 0)
    {
        var keys = new PersistentKeyBuilder<ValueTuple<int>>(Identity, "il-1", "", typeof(PersistentStores), typeof(TValue));
        var entries = new PersistentEntries<TValue>("Compute(int)", () =>
            {
                var store = StoreFactory.Open(Enum.Parse<CacheKind>(attribute), "Compute(int)", Identity, folder, keys.MethodId, keys.BuildTag, maxSize, counters, out var fallback);
                return new PersistentEngine(store, new EntryCodec(false, null), clock, TimeSpan.FromSeconds(30), fallback);
            },
            maxSize, ttl, counters);
        return new PersistentStore<ValueTuple<int>, TValue>(keys, entries);
    }

    /// <summary>Closes the byte store (the SQLite connection) once the test is done with it.</summary>
    public static void Close<TValue>(this PersistentStore<ValueTuple<int>, TValue> store) => store.Entries.Opened?.Store.Dispose();

    /// <summary>
    /// Waits for the files engine's background sweep, which a folder's first write starts: one that starts after the
    /// test advanced its clock deletes an expired entry itself, and counts it only when it gets to it.
    /// </summary>
    public static void WaitForSweep<TValue>(this PersistentStore<ValueTuple<int>, TValue> store)
    {
        if (store.Entries.Opened?.Store is TwatCache.Engines.Files.FileStore files)
        {
            files.Sweeping.Wait();
        }
    }
}
