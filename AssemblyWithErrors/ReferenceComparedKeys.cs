using System.Collections.Generic;
using TwatCache;

namespace AssemblyWithErrors;

/// <summary>Key parameters a key could only compare by reference: mutating one would return the old result.</summary>
public static class ReferenceComparedKeys
{
    [MCache]
    public static int Dictionary(Dictionary<string, int> map) => map.Count;

    [MCache]
    public static int AnyDictionary(IDictionary<string, int> map) => map.Count;

    [MCache]
    public static int Set(HashSet<int> set) => set.Count;

    [MCache]
    public static int AnySet(ISet<int> set) => set.Count;

    [MCache]
    public static int ListOfSets(List<HashSet<int>> sets) => sets.Count;

    [MCache]
    public static int ArrayOfMatrices(int[][,] matrices) => matrices.Length;

    [BCache]
    public static int PersistentDictionary(Dictionary<string, int> map) => map.Count;
}
