using System;
using System.Threading;
using System.Threading.Tasks;
using TwatCache;

namespace AssemblyToProcess;

/// <summary>
/// Memory targets (static, instance, async, overloads) and the methods marked [InvalidateCache] that drop their
/// entries. Every body counts its runs in <see cref="Runs"/>, so a test sees whether a call after an invalidation ran.
/// </summary>
public class Users
{
    public static int Runs;

    /// <summary>Static on the default engine: its stub looks up the holder's map itself.</summary>
    [MCache]
    public static string Get(int id)
    {
        Interlocked.Increment(ref Runs);
        return "user" + id;
    }

    [MCache]
    public static async Task<string> GetAsync(int id)
    {
        await Task.Yield();
        Interlocked.Increment(ref Runs);
        return "user" + id;
    }

    [MCache]
    public static string Search(string text, int page)
    {
        Interlocked.Increment(ref Runs);
        return text + page;
    }

    /// <summary>Overloads: the invalidating method's parameters pick the one whose key parameters all match.</summary>
    [MCache]
    public static string Find(int id)
    {
        Interlocked.Increment(ref Runs);
        return "id" + id;
    }

    [MCache]
    public static string Find(string name)
    {
        Interlocked.Increment(ref Runs);
        return "name" + name;
    }

    /// <summary>An instance method: entries per instance; <c>reason</c> is not part of the key.</summary>
    [MCache]
    public string Profile(int id, [NoKey] string reason)
    {
        Interlocked.Increment(ref Runs);
        return "profile" + id;
    }

    /// <summary>Two targets, sync and async; <c>name</c> is not a key parameter of either.</summary>
    [InvalidateCache(nameof(Get))]
    [InvalidateCache(nameof(GetAsync))]
    public static void Rename(int id, string name)
    {
    }

    [InvalidateCache(nameof(Get))]
    public static void RenameThenFail(int id) => throw new InvalidOperationException("rename of " + id + " failed");

    [InvalidateCache(nameof(Get))]
    public static async Task RenameAsync(int id, bool fail)
    {
        await Task.Yield();
        if (fail)
        {
            throw new InvalidOperationException("rename of " + id + " failed");
        }
    }

    [InvalidateCache(nameof(Find))]
    public static void Forget(string name)
    {
    }

    /// <summary>An instance method dropping this instance's entry, returning a value of its own.</summary>
    [InvalidateCache(nameof(Profile))]
    public int UpdateProfile(int id) => id * 2;

    [InvalidateCache(nameof(Search), All = true)]
    public static void Reindex()
    {
    }
}

/// <summary>Another type invalidating <see cref="Users"/>' entries.</summary>
public static class Accounts
{
    [InvalidateCache(typeof(Users), nameof(Users.Get))]
    [InvalidateCache(typeof(Users), nameof(Users.GetAsync))]
    public static Task<int> CloseAsync(int id) => Task.FromResult(-id);
}

/// <summary>Persistent targets: [BCache] (sync), [FCache] (async) and an instance [BCache] keyed by its identity.</summary>
public sealed class Ledger : ICacheIdentity
{
    public static int Runs;

    readonly string branch;

    public Ledger(string branch) => this.branch = branch;

    public string CacheIdentity => branch;

    [BCache]
    public static decimal Balance(string account)
    {
        Interlocked.Increment(ref Runs);
        return account.Length * 10m;
    }

    [FCache]
    public static async Task<int[]> HistoryAsync(string account)
    {
        await Task.Yield();
        Interlocked.Increment(ref Runs);
        return [account.Length, 1, 2];
    }

    [BCache]
    public int Staff(int floor)
    {
        Interlocked.Increment(ref Runs);
        return floor * 3;
    }

    [InvalidateCache(nameof(Balance))]
    [InvalidateCache(nameof(HistoryAsync))]
    public static async ValueTask<decimal> PostAsync(string account, decimal amount)
    {
        await Task.Yield();
        return amount;
    }

    [InvalidateCache(nameof(Staff))]
    public void Move(int floor)
    {
    }
}
