using TwatCache.Tests.Infrastructure;

namespace TwatCache.Tests.Weaving;

public class PropertiesAndClassLevelTests
{
    [Fact]
    public void Property_getters_are_cached_per_instance()
    {
        var properties = new WovenType("Properties").New();
        Assert.Equal("computed", properties.Expensive);
        Assert.Equal("computed", properties.Expensive);
        Assert.Equal(7, properties.OnGetter);
        Assert.Equal(7, properties.OnGetter);
        Assert.Equal(2, properties.Runs);
    }

    [Fact]
    public void A_class_attribute_caches_public_methods_that_return_a_value()
    {
        var instance = new WovenType("ClassLevel").New();
        Assert.Equal(4, instance.Double(2));
        Assert.Equal(4, instance.Double(2));
        Assert.Equal(1, instance.Runs);

        // CallsPrivate is public and cached; Private is not, so the first call runs it twice.
        Assert.Equal(6, instance.CallsPrivate(3));
        Assert.Equal(6, instance.CallsPrivate(3));
        Assert.Equal(3, instance.Runs);
    }

    [Fact]
    public void NoCache_methods_accessors_and_void_methods_of_a_cached_class_are_left_alone()
    {
        var instance = new WovenType("ClassLevel").New();
        instance.Uncached(1);
        instance.Uncached(1);
        _ = instance.Property;
        _ = instance.Property;
        Assert.Equal(4, instance.Runs);
        instance.Reset();
        Assert.Equal(0, instance.Runs);
    }
}
