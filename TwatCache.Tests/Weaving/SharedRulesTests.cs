using System;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

/// <summary>
/// The weaver and the runtime decide from the same source: the enums the weaver reads attributes with are the
/// runtime's files compiled into it, and the static methods whose stubs look up their FastMap themselves are
/// exactly those whose site the runtime gives a FastMap.
/// </summary>
public class SharedRulesTests
{
    [Theory]
    [InlineData(typeof(CacheKind), typeof(TwatCache.Fody.CacheKind))]
    [InlineData(typeof(EvictionPolicy), typeof(TwatCache.Fody.EvictionPolicy))]
    [InlineData(typeof(MemoryBackend), typeof(TwatCache.Fody.MemoryBackend))]
    public void The_weaver_s_enums_are_the_runtime_s(Type runtime, Type weaver)
    {
        Assert.Equal(Enum.GetNames(runtime), Enum.GetNames(weaver));
        Assert.Equal(Enum.GetValues(runtime).Cast<object>().Select(Convert.ToInt32), Enum.GetValues(weaver).Cast<object>().Select(Convert.ToInt32));
    }

    [Fact]
    public void A_static_method_looks_up_itself_exactly_when_its_site_is_a_FastMap()
    {
        var holders = WovenAssembly.Fixtures.Assembly.GetTypes()
            .Where(t => t.IsNested && t.Name.EndsWith(">TwatCache", StringComparison.Ordinal) && !t.ContainsGenericParameters)
            .Select(t => (Holder: t, Site: t.GetField("Site", BindingFlags.Public | BindingFlags.Static)))
            .Where(h => h.Site?.FieldType.IsGenericType == true && h.Site.FieldType.GetGenericTypeDefinition() == typeof(Sites.CacheSite<,>))
            .ToList();

        var looksUpItself = 0;
        foreach (var (holder, siteField) in holders)
        {
            RuntimeHelpers.RunClassConstructor(holder.TypeHandle);
            var site = siteField!.GetValue(null)!;
            var hasFastMap = site.GetType().GetProperty("FastMap")!.GetValue(site) is not null;
            var hasMapField = holder.GetField("Map", BindingFlags.Public | BindingFlags.Static) is not null;
            Assert.True(hasFastMap == hasMapField, $"{holder.DeclaringType!.Name}.{holder.Name}: FastMap {hasFastMap}, Map field {hasMapField}.");
            looksUpItself += hasMapField ? 1 : 0;
        }

        // Both cases are covered: Settings' bounded and expiring methods, and the plain static methods.
        Assert.InRange(looksUpItself, 1, holders.Count - 1);
    }
}
