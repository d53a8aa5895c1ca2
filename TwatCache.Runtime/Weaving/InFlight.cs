using System;
using System.Runtime.ExceptionServices;

namespace TwatCache.Weaving;

/// <summary>
/// One run of a body for one key, which callers of the same key wait for instead of running the body
/// again. The running thread holds this object's monitor from before the object is published until the
/// run has ended, so a waiter waits by taking the monitor, then reads the outcome.
/// </summary>
internal sealed class InFlight<TValue>
{
    TValue? value;
    ExceptionDispatchInfo? error;
    bool succeeded;

    /// <summary>The thread running the body: if it asks for the same key again, it would wait for itself.</summary>
    public int OwnerThreadId { get; } = Environment.CurrentManagedThreadId;

    public void Succeed(TValue result)
    {
        value = result;
        succeeded = true;
    }

    /// <summary>Records the body's exception for the waiters. Returns <c>false</c> so that, used as an
    /// exception filter, it lets the exception go on to the runner's caller untouched.</summary>
    public bool Fail(Exception exception)
    {
        if (!succeeded)
        {
            error = ExceptionDispatchInfo.Capture(exception);
        }

        return false;
    }

    /// <summary>The outcome, read by a waiter after it took the monitor: the value, or the body's exception rethrown with its original stack.</summary>
    public TValue GetResult()
    {
        error?.Throw();
        return value!;
    }
}
