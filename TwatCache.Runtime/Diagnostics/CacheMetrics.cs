using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Reflection;
using TwatCache.Sites;

namespace TwatCache.Diagnostics;

/// <summary>
/// The <c>TwatCache</c> meter: one observable counter per number of <see cref="MethodCounters"/>, read only when
/// a listener collects (an OpenTelemetry export, <c>dotnet-counters</c>, a <see cref="MeterListener"/>). Nothing
/// is added to a call: the sites keep counting exactly what <c>Cache.Stats()</c> reads, listened to or not, and the
/// callbacks sum those counters per method. Each measurement carries three tags, one value each per method
/// (<see cref="MethodLabel"/>, never an argument), so the series are as many as the cached methods.
/// </summary>
internal static class CacheMetrics
{
    public const string MeterName = "TwatCache";
    public const string MethodTag = "twatcache.method";
    public const string EngineTag = "twatcache.engine";
    public const string AttributeTag = "twatcache.attribute";

    static readonly Meter Meter = new(MeterName, typeof(CacheMetrics).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);

    // A static constructor (not field initializers alone) so that Start() creates the instruments when it is
    // called, not at some earlier or later point the runtime picks.
    static CacheMetrics()
    {
        Meter.CreateObservableCounter("twatcache.hits", () => Observe(static c => c.Hits.Sum()), "{call}",
            "Calls answered from the cache.");
        Meter.CreateObservableCounter("twatcache.misses", () => Observe(static c => c.Misses), "{call}",
            "Calls that ran the method's body.");
        Meter.CreateObservableCounter("twatcache.stores", () => Observe(static c => c.Stores), "{entry}",
            "Results written to the engine after a miss.");
        Meter.CreateObservableCounter("twatcache.evictions", () => Observe(static c => c.Evictions), "{entry}",
            "Entries the engine dropped because they expired or the method was over its size (not Remove or Clear).");
        Meter.CreateObservableCounter("twatcache.store_failures", () => Observe(static c => c.StoreFailures), "{entry}",
            "Results that could not be written (a storage failure, or a value that cannot be serialized): returned, not cached.");
        Meter.CreateObservableCounter("twatcache.fallbacks", () => Observe(static c => c.Fallbacks), "{fallback}",
            "Times a method moved to a fallback engine (its folder not usable, a result type that does not round-trip).");
        Meter.CreateObservableCounter("twatcache.failsafe_served", () => Observe(static c => c.FailSafeServed), "{run}",
            "Runs that threw and were answered with an expired value instead (FailSafe).");
    }

    /// <summary>Creates the meter and its instruments (once): called when the first method registers, off any call's hit path.</summary>
    public static void Start()
    {
    }

    static List<Measurement<long>> Observe(Func<MethodCounters, long> read)
    {
        // Summed by tag set: two methods may share a label (types of one name in two namespaces, or two copies of
        // an assembly loaded side by side), and a collector keeps one value per series, so each must be reported once.
        var sums = new Dictionary<(string Method, string Engine, string Attribute), long>();
        foreach (var method in CacheRegistry.Snapshot())
        {
            // A persistent method registers while its engine opens: it is measured from the next collection on.
            if (method is IObservedMethod observed && observed.EngineInUse is { } engine)
            {
                var series = (MethodLabel.Of(observed.Descriptor), engine, EngineReasons.AttributeOf(observed.Descriptor));
                sums[series] = sums.GetValueOrDefault(series) + read(observed.Counters);
            }
        }

        var measurements = new List<Measurement<long>>(sums.Count);
        foreach (var ((label, engine, attribute), value) in sums)
        {
            measurements.Add(new Measurement<long>(value,
                new KeyValuePair<string, object?>(MethodTag, label),
                new KeyValuePair<string, object?>(EngineTag, engine),
                new KeyValuePair<string, object?>(AttributeTag, attribute)));
        }

        return measurements;
    }
}
