using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using TwatCache;

namespace AssemblyToProcess;

/// <summary>
/// A semver-style immutable value under a class-level attribute: its pure methods are cached; its
/// equality members, comparison, ToString, enumerator, by-ref TryParse, lazy query, plain Task and
/// void methods are skipped (and listed in the build log) and behave as written.
/// </summary>
[MCache]
public sealed class SemVersion : IEquatable<SemVersion>, IComparable<SemVersion>, IEnumerable<int>
{
    public static int Runs;

    public SemVersion(int major, int minor, int patch)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
    }

    public int Major { get; }

    public int Minor { get; }

    public int Patch { get; }

    public static SemVersion Parse(string text)
    {
        Runs++;
        var parts = text.Split('.').Select(int.Parse).ToArray();
        return new SemVersion(parts[0], parts[1], parts[2]);
    }

    public static bool TryParse(string text, out SemVersion? version)
    {
        Runs++;
        var parts = text.Split('.');
        version = parts.Length == 3 && parts.All(p => int.TryParse(p, out _)) ? new SemVersion(int.Parse(parts[0]), int.Parse(parts[1]), int.Parse(parts[2])) : null;
        return version is not null;
    }

    public SemVersion WithMajor(int major)
    {
        Runs++;
        return new SemVersion(major, Minor, Patch);
    }

    /// <summary>Takes a SemVersion argument: the key compares it with the (uncached) Equals.</summary>
    public bool IsCompatibleWith(SemVersion other)
    {
        Runs++;
        return Major == other.Major && CompareTo(other) >= 0;
    }

    public IEnumerable<int> NonZeroParts() => this.Where(p => p != 0);

    public Task PublishAsync(List<string> feed)
    {
        feed.Add(ToString());
        return Task.CompletedTask;
    }

    public void WriteTo(List<string> log) => log.Add(ToString());

    public override bool Equals(object? obj) => Equals(obj as SemVersion);

    public bool Equals(SemVersion? other) => other is not null && Major == other.Major && Minor == other.Minor && Patch == other.Patch;

    public override int GetHashCode() => HashCode.Combine(Major, Minor, Patch);

    public int CompareTo(SemVersion? other) =>
        other is null ? 1 : (Major, Minor, Patch).CompareTo((other.Major, other.Minor, other.Patch));

    public override string ToString() => $"{Major}.{Minor}.{Patch}";

    public IEnumerator<int> GetEnumerator()
    {
        yield return Major;
        yield return Minor;
        yield return Patch;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>A StringSimilarity-style service: its measures are cached, its object overrides are not.</summary>
[MCache]
public sealed class StringSimilarity
{
    public static int Runs;

    public int Distance(string first, string second)
    {
        Runs++;
        var previous = Enumerable.Range(0, second.Length + 1).ToArray();
        for (var i = 1; i <= first.Length; i++)
        {
            var current = new int[second.Length + 1];
            current[0] = i;
            for (var j = 1; j <= second.Length; j++)
            {
                var substitution = previous[j - 1] + (first[i - 1] == second[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            previous = current;
        }

        return previous[second.Length];
    }

    public double Similarity(string first, string second)
    {
        Runs++;
        var longest = Math.Max(first.Length, second.Length);
        return longest == 0 ? 1 : 1 - (double)Distance(first, second) / longest;
    }

    public override bool Equals(object? obj) => obj is StringSimilarity;

    public override int GetHashCode() => 17;

    public override string ToString() => "Levenshtein";
}
