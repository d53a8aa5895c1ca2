using System;
using System.Collections.Generic;
using TwatCache.Serialization;

namespace TwatCache.Tests.Persistence;

/// <summary>
/// A .NET string may hold a lone UTF-16 surrogate, which System.Text.Json writes as U+FFFD. A stored result with one
/// must read back exactly as the body returned it (never as U+FFFD): as a string, in a DTO, in an array.
/// </summary>
public class LoneSurrogateValueTests
{
    public sealed record Labelled(string Name, char Initial);

    const string Lone = "high \uD800, low \uDC00, a pair \uD83D\uDE00, the replacement \uFFFD";

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void A_string_with_a_lone_surrogate_is_served_as_returned(string attribute) =>
        Assert.Equal(Lone, ServedFromDisk(attribute, Lone));

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void A_dto_with_a_lone_surrogate_is_served_as_returned(string attribute)
    {
        var value = new Labelled("\uDBFF", '\uD800');
        Assert.Equal(value, ServedFromDisk(attribute, value));
    }

    [Theory]
    [InlineData("BCache")]
    [InlineData("FCache")]
    public void An_array_of_strings_with_lone_surrogates_is_served_as_returned(string attribute)
    {
        string?[] value = ["plain", "\uDFFF", "\uFFFD", "", null, "\uD800\uD800"];
        Assert.Equal(value, ServedFromDisk(attribute, value));
    }

    [Fact]
    public void Well_formed_strings_keep_their_plain_json()
    {
        ValueSerializer<string[]>.Serialize(["a\uD83D\uDE00", "\uFFFD"], out var payload);
        Assert.Equal("[\"a\\uD83D\\uDE00\",\"\\uFFFD\"]", System.Text.Encoding.UTF8.GetString(payload));
    }

    [Fact]
    public void A_dictionary_key_with_a_lone_surrogate_is_not_served_changed()
    {
        using var harness = new SiteHarness();
        var value = new Dictionary<string, int> { ["\uD800"] = 1 };
        harness.Method<Dictionary<string, int>>("BCache").Site.GetOrAdd(ValueTuple.Create(1), value, v => v);

        var served = harness.Method<Dictionary<string, int>>("BCache").Site.GetOrAdd(ValueTuple.Create(1), value, v => new Dictionary<string, int>(v));

        Assert.Equal(["\uD800"], served.Keys);
    }

    /// <summary>Stores <paramref name="value"/> through one method, then reads it back through a second one over the same folder: a disk hit.</summary>
    static T ServedFromDisk<T>(string attribute, T value)
    {
        using var harness = new SiteHarness();
        var runs = 0;
        var writer = harness.Method<T>(attribute);
        writer.Site.GetOrAdd(ValueTuple.Create(1), value, v => { runs++; return v; });

        var reader = harness.Method<T>(attribute);
        var served = reader.Site.GetOrAdd(ValueTuple.Create(1), value, v => { runs++; return v; });

        Assert.Equal(1, runs);
        Assert.Null(SiteHarness.Stats(reader).Fallback);
        return served;
    }
}
