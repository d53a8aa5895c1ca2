using TwatCache;

namespace TwatCache.Benchmarks;

/// <summary>The methods under test, cached by TwatCache: the weaver rewrites them at build time.</summary>
public static class Woven
{
    [MCache]
    public static long OneInt(int n) => Work.Compute(n);

    [MCache]
    public static long ThreeMixed(int n, string text, double factor) => Work.Compute(n, text, factor);
}

/// <summary>Bounded [MCache] methods, one per benchmark so that one benchmark's entries never evict another's.</summary>
public static class BoundedMemoryWoven
{
    [MCache(MaxSize = PeerCaches.Capacity)]
    public static long Hit(int n) => Work.Compute(n);

    [MCache(MaxSize = PeerCaches.Capacity)]
    public static long TwoThreadHit(int n) => Work.Compute(n);

    [MCache(MaxSize = PeerCaches.Capacity)]
    public static long Fill(int n) => Work.Compute(n);
}

/// <summary>Unbounded [MCache] methods of their own for the two-thread hits and the first calls.</summary>
public static class UnboundedMemoryWoven
{
    [MCache]
    public static long TwoThreadHit(int n) => Work.Compute(n);

    [MCache]
    public static long FirstCall(int n) => Work.Compute(n);
}
