using System;
using System.Numerics;
using TwatCache.Sites;

namespace TwatCache.Tests.Runtime;

public class RecursionTests
{
    [Fact]
    public void A_body_may_call_its_method_for_other_keys()
    {
        var fib = new MemoFib();

        Assert.Equal(BigInteger.Parse("23416728348467685"), fib.Of(80));
        Assert.Equal(81, fib.Runs);
        Assert.Equal(BigInteger.Parse("23416728348467685"), fib.Of(80));
        Assert.Equal(81, fib.Runs);
    }

    [Fact]
    public void A_body_asking_for_its_own_key_fails_clearly_instead_of_deadlocking()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>();
        var site = method.Site;
        var depth = 0;
        Func<ValueTuple<int>, int> body = null!;
        body = s => ++depth == 1 ? site.GetOrAdd(s, s, body) : -1;

        var exception = Assert.Throws<InvalidOperationException>(() => site.GetOrAdd(new(3), new ValueTuple<int>(3), body));

        var name = method.Stats().Method;
        Assert.Equal($"TwatCache: TestMethods.{name} called itself with the same arguments while computing them; a cached method cannot depend on its own result.", exception.Message);
        Assert.Equal(1, depth);
        Assert.Equal(0, method.Stats().Count);

        // Nothing was stored or left in flight: the next call runs the body again.
        Assert.Equal(-1, site.GetOrAdd(new(3), new ValueTuple<int>(3), body));
    }

    [Fact]
    public void Indirect_self_dependency_through_another_key_fails_too()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>();
        var site = method.Site;
        Func<ValueTuple<int>, int> body = null!;

        // 1 asks for 2, which asks for 1 again.
        body = s => site.GetOrAdd(new(3 - s.Item1), new ValueTuple<int>(3 - s.Item1), body);

        Assert.Throws<InvalidOperationException>(() => site.GetOrAdd(new(1), new ValueTuple<int>(1), body));
        Assert.Equal(0, method.Stats().Count);
    }

    /// <summary>Fibonacci memoized through a cache site, calling itself like a woven method would.</summary>
    sealed class MemoFib
    {
        readonly CacheSite<ValueTuple<int>, BigInteger> site = TestMethods.Create<ValueTuple<int>, BigInteger>(name: nameof(MemoFib)).Site;
        readonly Func<ValueTuple<MemoFib, int>, BigInteger> body = static s => s.Item1.Body(s.Item2);

        public int Runs { get; private set; }

        public BigInteger Of(int n) => site.GetOrAdd(new(n), new ValueTuple<MemoFib, int>(this, n), body);

        BigInteger Body(int n)
        {
            Runs++;
            return n < 2 ? n : Of(n - 1) + Of(n - 2);
        }
    }
}
