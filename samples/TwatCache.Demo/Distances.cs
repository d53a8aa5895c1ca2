using System;
using System.Threading;
using TwatCache;

namespace TwatCache.Demo;

/// <summary>
/// [UCache] with a Folder: TwatCache chooses SQLite (the TwatCache.Sqlite package), so results outlive the
/// process. Run the demo twice: the second run reads them from disk.
/// </summary>
public static class Distances
{
    static int bodyRuns;

    /// <summary>How often the body really ran, in this process.</summary>
    public static int BodyRuns => Volatile.Read(ref bodyRuns);

    /// <summary>The Levenshtein distance: the fewest single-character edits that turn one text into the other.</summary>
    [UCache(Folder = "demo", Version = "1")]
    public static int Edit(string from, string to)
    {
        Interlocked.Increment(ref bodyRuns);
        var previous = new int[to.Length + 1];
        var current = new int[to.Length + 1];
        for (var j = 0; j <= to.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= from.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= to.Length; j++)
            {
                var replace = previous[j - 1] + (from[i - 1] == to[j - 1] ? 0 : 1);
                current[j] = Math.Min(replace, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[to.Length];
    }
}
