using System;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;

namespace TwatCache.Benchmarks;

/// <summary>
/// A hit on a [BCache] method returning a small object: the woven call against the least a hand-written
/// SQLite cache must do for the same result: a prepared point read of the very same row (a second
/// connection to TwatCache's own database, by the entry's key) and the same JSON deserialization of its
/// payload. The difference is TwatCache's own work: hashing the arguments into the key, the store's lock,
/// and checking the entry's header and checksum.
/// </summary>
[MemoryDiagnoser]
public class BCacheHit
{
    // A field, not a constant, so the JIT cannot fold the call away.
    readonly int id = 42;
    string folder = "";
    SqliteConnection connection = null!;
    SqliteCommand select = null!;

    [GlobalSetup]
    public void Setup()
    {
        folder = PersistentCacheFolder.Use();
        PersistentWoven.Quote(id);
        connection = new SqliteConnection("Data Source=" + Cache.GetCachePath(typeof(PersistentWoven), nameof(PersistentWoven.Quote)));
        connection.Open();
        using var findKey = connection.CreateCommand();
        findKey.CommandText = "SELECT key FROM entries";
        var key = findKey.ExecuteScalar();
        select = connection.CreateCommand();
        select.CommandText = "SELECT value FROM entries WHERE key = $key";
        select.Parameters.AddWithValue("$key", key);
        select.Prepare();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        select.Dispose();
        connection.Dispose();
        PersistentCacheFolder.Delete(folder);
    }

    [Benchmark(Baseline = true)]
    public Quote RawSqlitePointRead()
    {
        using var reader = select.ExecuteReader();
        reader.Read();
        var frame = (byte[])reader.GetValue(0);
        return JsonSerializer.Deserialize<Quote>(frame.AsSpan(PersistentCacheFolder.HeaderSize), PersistentCacheFolder.JsonOptions)!;
    }

    [Benchmark]
    public Quote TwatCacheBCache() => PersistentWoven.Quote(id);
}
