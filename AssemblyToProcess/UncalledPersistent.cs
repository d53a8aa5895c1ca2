using TwatCache;

namespace AssemblyToProcess;

/// <summary>
/// Persistent methods that no test calls: <c>Cache.Clear()</c> must still drop their entries on disk,
/// which an earlier process (or build) wrote. Tests write those entries straight into the stores.
/// </summary>
public static class UncalledPersistent
{
    [BCache(Folder = "uncalled")]
    public static int Rows(int value) => value;

    [FCache(Folder = "uncalled")]
    public static string Files(int value) => "file " + value;

    /// <summary>Private and nested: the module initializer must still be able to name it.</summary>
    static class Hidden
    {
        [BCache(Folder = "uncalled")]
        public static int Secret(int value) => value;
    }
}

/// <summary>A generic type: its persistent method is declared once, for every instantiation.</summary>
public static class UncalledRepository<T>
{
    [BCache(Folder = "uncalled")]
    public static string Describe(T value) => typeof(T).Name + " " + value;
}
