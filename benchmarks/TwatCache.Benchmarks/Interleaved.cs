using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace TwatCache.Benchmarks;

/// <summary>
/// <c>-- interleaved Class [rounds]</c>: the class's benchmarks in turn, one short batch each per round, and each
/// one's fastest batch. On a shared machine the load moves in and out over seconds; BenchmarkDotNet measures one
/// benchmark after another, so a benchmark that ran while another process built looks slow. Interleaved, every
/// benchmark meets the same load, and its fastest batch is the one that ran alone. Each call goes through a
/// delegate (about a nanosecond more than BenchmarkDotNet's loop, the same for every row). Allocations are the bytes
/// the whole process allocated per operation in the batch that allocated least (other threads' too: the two-thread
/// rows' second thread counts).
/// </summary>
static class Interleaved
{
    static readonly TimeSpan Batch = TimeSpan.FromMilliseconds(10);

    public static void Run(string className, int rounds)
    {
        var type = typeof(Interleaved).Assembly.GetType($"{typeof(Interleaved).Namespace}.{className}")
            ?? throw new ArgumentException($"No benchmark class named '{className}'.", nameof(className));
        var instance = Activator.CreateInstance(type)!;
        Call(type, instance, typeof(GlobalSetupAttribute));

        var rows = type.GetMethods()
            .Select(method => (Method: method, Attribute: method.GetCustomAttribute<BenchmarkAttribute>()))
            .Where(row => row.Attribute is not null)
            .Select(row => new Row(row.Method.Name, row.Attribute!.Baseline, row.Attribute.OperationsPerInvoke, Invoker(row.Method, instance)))
            .ToList();

        foreach (var row in rows)
        {
            row.Calibrate();
        }

        for (var round = 0; round < rounds; round++)
        {
            foreach (var row in rows)
            {
                row.RunBatch();
            }
        }

        Call(type, instance, typeof(GlobalCleanupAttribute));
        var baseline = rows.Single(row => row.IsBaseline).Fastest;
        Console.WriteLine($"{className}: fastest of {rounds} interleaved batches of about {Batch.TotalMilliseconds} ms each");
        Console.WriteLine("| Method | Fastest (ns/op) | Ratio | Allocated (B/op) |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine($"| {row.Name} | {row.Fastest:F2} | {row.Fastest / baseline:F2} | {row.LeastAllocated:F1} |");
        }
    }

    static void Call(Type type, object instance, Type attribute)
    {
        foreach (var method in type.GetMethods().Where(method => method.GetCustomAttribute(attribute) is not null))
        {
            if (method.Invoke(instance, null) is Task task)
            {
                task.GetAwaiter().GetResult();
            }
        }
    }

    /// <summary>A direct delegate to the benchmark (no reflection per call), waiting for it when it is asynchronous.</summary>
    static Action Invoker(MethodInfo method, object instance)
    {
        if (method.ReturnType == typeof(long))
        {
            var call = method.CreateDelegate<Func<long>>(instance);
            return () => call();
        }

        if (method.ReturnType == typeof(ValueTask<long>))
        {
            var call = method.CreateDelegate<Func<ValueTask<long>>>(instance);
            return () =>
            {
                var result = call();
                if (!result.IsCompletedSuccessfully)
                {
                    result.AsTask().GetAwaiter().GetResult();
                }
            };
        }

        if (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            // ValueTask<Quote> and the like (the Redis peers): through a generic helper, so no call boxes.
            return (Action)typeof(Interleaved).GetMethod(nameof(ValueTaskInvoker), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(method.ReturnType.GetGenericArguments()[0]).Invoke(null, [method, instance])!;
        }

        if (!method.ReturnType.IsValueType)
        {
            // An object result (Quote, Task<long>): a delegate returning object binds to it without a wrapper.
            var call = method.CreateDelegate<Func<object>>(instance);
            return method.ReturnType == typeof(Task<long>) ? () => ((Task<long>)call()).GetAwaiter().GetResult() : () => call();
        }

        throw new ArgumentException($"Interleaved cannot call {method.Name}, which returns {method.ReturnType}.", nameof(method));
    }

    static Action ValueTaskInvoker<T>(MethodInfo method, object instance)
    {
        var call = method.CreateDelegate<Func<ValueTask<T>>>(instance);
        return () =>
        {
            var result = call();
            if (!result.IsCompletedSuccessfully)
            {
                result.AsTask().GetAwaiter().GetResult();
            }
        };
    }

    sealed class Row(string name, bool isBaseline, int operationsPerInvoke, Action invoke)
    {
        long callsPerBatch;

        public string Name => name;

        public bool IsBaseline => isBaseline;

        /// <summary>Nanoseconds per operation in the fastest batch.</summary>
        public double Fastest { get; private set; } = double.MaxValue;

        /// <summary>Bytes allocated per operation in the batch that allocated least.</summary>
        public double LeastAllocated { get; private set; } = double.MaxValue;

        /// <summary>Warms the benchmark up (to tier-1 code) and sizes its batch to about <see cref="Batch"/>.</summary>
        public void Calibrate()
        {
            var clock = Stopwatch.StartNew();
            long calls = 0;
            while (clock.Elapsed < TimeSpan.FromMilliseconds(500))
            {
                invoke();
                calls++;
            }

            callsPerBatch = Math.Max(1, (long)(calls * (Batch / clock.Elapsed)));
        }

        public void RunBatch()
        {
            // Precise (it flushes every thread's allocation context): outside the timed part.
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var start = Stopwatch.GetTimestamp();
            for (long i = 0; i < callsPerBatch; i++)
            {
                invoke();
            }

            var elapsed = Stopwatch.GetElapsedTime(start);
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            var operations = (double)(callsPerBatch * operationsPerInvoke);
            Fastest = Math.Min(Fastest, elapsed.TotalNanoseconds / operations);
            LeastAllocated = Math.Min(LeastAllocated, allocated / operations);
        }
    }
}
