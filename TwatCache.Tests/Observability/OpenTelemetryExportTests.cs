using System.Collections.Generic;
using System.Linq;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Observability;

/// <summary>
/// What an app sees through OpenTelemetry: <c>AddMeter("TwatCache")</c> and an exporter (here the in-memory one)
/// give each woven method's counters, tagged with the method, its engine and its attribute.
/// </summary>
public sealed class OpenTelemetryExportTests
{
    readonly WovenType prices = new("ObservedPrices");

    [Fact]
    public void A_woven_methods_counters_are_exported_with_its_tags()
    {
        var exported = new List<MetricSnapshot>();
        using (var provider = Sdk.CreateMeterProviderBuilder().AddMeter("TwatCache").AddInMemoryExporter(exported).Build())
        {
            prices.Call("Quote", "AAPL");
            prices.Call("Quote", "MSFT");
            prices.Call("Quote", "AAPL");
            provider.ForceFlush();
        }

        var quote = exported.SelectMany(metric => metric.MetricPoints.Select(point => (metric, point)))
            .Where(pair => Tags(pair.point)["twatcache.method"] == "ObservedPrices.Quote(string)")
            .GroupBy(pair => pair.metric.Name)
            .ToDictionary(group => group.Key, group => group.Last());

        Assert.Equal(1, quote["twatcache.hits"].point.GetSumLong());
        Assert.Equal(2, quote["twatcache.misses"].point.GetSumLong());
        Assert.Equal(2, quote["twatcache.stores"].point.GetSumLong());
        Assert.Equal(0, quote["twatcache.evictions"].point.GetSumLong());
        Assert.Equal(0, quote["twatcache.store_failures"].point.GetSumLong());
        Assert.Equal(0, quote["twatcache.fallbacks"].point.GetSumLong());
        Assert.Equal(MetricType.LongSum, quote["twatcache.hits"].metric.MetricType);
        Assert.Equal("{call}", quote["twatcache.hits"].metric.Unit);
        var tags = Tags(quote["twatcache.hits"].point);
        Assert.Equal("Fast", tags["twatcache.engine"]);
        Assert.Equal("MCache", tags["twatcache.attribute"]);
        Assert.Equal(3, tags.Count);
        Assert.Equal(2, prices.Runs);
    }

    static Dictionary<string, string?> Tags(MetricPoint point)
    {
        var tags = new Dictionary<string, string?>();
        foreach (var tag in point.Tags)
        {
            tags[tag.Key] = tag.Value?.ToString();
        }

        return tags;
    }
}
