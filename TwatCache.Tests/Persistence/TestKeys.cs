using TwatCache.Keys.Stable;

namespace TwatCache.Tests.Persistence;

/// <summary>The persistent key of one argument tuple under a fixed method, for the key-encoding tests.</summary>
internal static class TestKeys
{
    public static KeyHash Of<T>(T key) =>
        new PersistentKeyBuilder<T>("Tests.Fixture::Method(System.Int32)", "il-hash", "", typeof(TestKeys), typeof(string)).Build(key);

    /// <summary>Every value gives a key of its own: no two of them may share an entry.</summary>
    public static void AssertAllDistinct<T>(params T[] values)
    {
        var keys = new System.Collections.Generic.HashSet<KeyHash>();
        for (var i = 0; i < values.Length; i++)
        {
            Assert.True(keys.Add(Of(System.ValueTuple.Create(values[i]))), $"Value #{i} of {typeof(T).Name} shares a key with an earlier one.");
        }
    }
}
