using System;
using System.Threading.Tasks;

namespace TwatCache.Sites;

/// <summary>
/// One pass of a refreshing call (<see cref="Cache.Refresh"/>) through the single flight. A run of the key
/// already in flight started before the call, so its result may be older than what the caller asked for,
/// and it would overwrite a result stored before it finished: the caller waits for it (uncounted), then
/// passes again, until the run it gets is its own (<see cref="Ran"/>, set by the site's run). An exception
/// of the run it waited for reaches it, as it reaches every caller of that run.
/// </summary>
internal sealed class RefreshAttempt
{
    /// <summary>The run this pass got was this caller's own (claimed, or run alone after a refused wait).</summary>
    public bool Ran { get; set; }

    /// <summary>The <c>countHit</c> of a refreshing caller: being served by another's run is not a hit, it is a retry.</summary>
    public static readonly Action NotCounted = static () => { };

    public static TValue UntilOwnRun<TValue>(Func<RefreshAttempt, TValue> pass)
    {
        while (true)
        {
            var attempt = new RefreshAttempt();
            var value = pass(attempt);
            if (attempt.Ran)
            {
                return value;
            }
        }
    }

    public static async Task<TValue> UntilOwnRunAsync<TValue>(Func<RefreshAttempt, Task<TValue>> pass)
    {
        while (true)
        {
            var attempt = new RefreshAttempt();
            // The caller's context is kept: a later pass starts the body where the first would have.
            var value = await pass(attempt);
            if (attempt.Ran)
            {
                return value;
            }
        }
    }
}
