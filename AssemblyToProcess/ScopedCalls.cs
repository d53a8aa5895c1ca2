using System.Threading;
using System.Threading.Tasks;
using TwatCache;

namespace AssemblyToProcess;

/// <summary>
/// Methods called inside <c>Cache.Bypass()</c> and <c>Cache.Refresh()</c> scopes. The key is the value only;
/// the result also shows <c>version</c>, so a test can tell which run an answer came from.
/// </summary>
public class ScopedCalls
{
    public static int Runs;

    /// <summary>Static on the default engine: the stub looks up the holder's map itself.</summary>
    [MCache]
    public static string Static(int value, [NoKey] int version)
    {
        Interlocked.Increment(ref Runs);
        return value + "v" + version;
    }

    /// <summary>An instance method: the stub goes through the instance's site.</summary>
    [MCache]
    public string Instance(int value, [NoKey] int version)
    {
        Interlocked.Increment(ref Runs);
        return value + "v" + version;
    }

    [MCache]
    public static async Task<string> Async(int value, [NoKey] int version)
    {
        await Task.Yield();
        Interlocked.Increment(ref Runs);
        return value + "v" + version;
    }
}
