using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Reflection;
using TwatCache.Tests.Runtime;

namespace TwatCache.Tests.Observability;

/// <summary>
/// The <c>TwatCache</c> meter's instruments, read with a plain <see cref="MeterListener"/>: they exist with their
/// names, units and descriptions, and between two collections they grow by what the calls did.
/// </summary>
public sealed class MeterInstrumentsTests
{
    static readonly string[] Names =
        ["twatcache.hits", "twatcache.misses", "twatcache.stores", "twatcache.evictions", "twatcache.store_failures", "twatcache.fallbacks",
            "twatcache.failsafe_served"];

    [Fact]
    public void The_meter_publishes_seven_observable_counters_with_units_and_descriptions()
    {
        // A method registered: the meter exists from the first one on.
        TestMethods.Create<ValueTuple<int>, int>().Site.GetOrAdd(new(1), 1, static x => x);
        var published = new List<Instrument>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == "TwatCache")
                {
                    published.Add(instrument);
                }
            },
        };
        listener.Start();

        Assert.Equal(Names.Order(), published.Select(i => i.Name).Order());
        Assert.All(published, instrument =>
        {
            Assert.IsType<ObservableCounter<long>>(instrument);
            Assert.False(string.IsNullOrWhiteSpace(instrument.Description));
            Assert.Matches("^\\{[a-z]+\\}$", instrument.Unit);
        });
        Assert.Equal("{call}", published.Single(i => i.Name == "twatcache.hits").Unit);
        var version = typeof(Cache).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.Equal(version, published[0].Meter.Version);
    }

    [Fact]
    public void Two_collections_differ_by_the_calls_made_between_them()
    {
        var method = TestMethods.Create<ValueTuple<int>, int>(maxSize: 1);
        var label = "TestMethods." + method.Stats().Method;
        using var meter = new Collector();
        method.Site.GetOrAdd(new(1), 1, static x => x);

        var before = meter.Collect(label);
        method.Site.GetOrAdd(new(1), 1, static x => x); // hit
        method.Site.GetOrAdd(new(2), 2, static x => x); // miss, store, evicts 1
        method.Site.GetOrAdd(new(2), 2, static x => x); // hit
        var after = meter.Collect(label);

        Assert.Equal(new Dictionary<string, long>
        {
            ["twatcache.hits"] = 2,
            ["twatcache.misses"] = 1,
            ["twatcache.stores"] = 1,
            ["twatcache.evictions"] = 1,
            ["twatcache.store_failures"] = 0,
            ["twatcache.fallbacks"] = 0,
            ["twatcache.failsafe_served"] = 0,
        }, Names.ToDictionary(name => name, name => after[name] - before[name]));
        Assert.Equal(1, before["twatcache.misses"]);
    }

    /// <summary>Collects the meter's observable counters on demand, by instrument, for one method's series.</summary>
    sealed class Collector : IDisposable
    {
        readonly MeterListener listener = new();
        readonly Dictionary<string, long> values = [];
        string method = "";

        public Collector()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "TwatCache")
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                var byTag = tags.ToArray().ToDictionary(t => t.Key, t => t.Value);
                if (Equals(byTag["twatcache.method"], method))
                {
                    Assert.Equal("MCache", byTag["twatcache.attribute"]);
                    Assert.Equal("Fast/Lru(MaxSize=1)", byTag["twatcache.engine"]);
                    values[instrument.Name] = values.GetValueOrDefault(instrument.Name) + value;
                }
            });
            listener.Start();
        }

        public Dictionary<string, long> Collect(string label)
        {
            method = label;
            values.Clear();
            listener.RecordObservableInstruments();
            return new Dictionary<string, long>(values);
        }

        public void Dispose() => listener.Dispose();
    }
}
