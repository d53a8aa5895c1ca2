namespace TwatCache.Benchmarks;

/// <summary>
/// <see cref="RedisL2Hit"/> with <c>RedisEngine.DedicatedThreads = false</c>, as an app whose Redis methods are all async
/// (or that gives TwatCache its own connection) runs it: every connection reads its replies on the thread pool, and the
/// rows show TwatCache's own cost over a raw read without the flag's.
/// </summary>
public class RedisL2HitWithoutDedicatedThreads : RedisL2Hit
{
    protected override bool DedicatedThreads => false;
}
