using System;
using System.Collections.Generic;
using System.Text;
using TwatCache.Keys.Stable;

namespace TwatCache.Tests.Persistence;

/// <summary>
/// Strings are sequences of UTF-16 code units, not of Unicode scalars: a lone surrogate is a value a
/// method can receive and tell apart, so it must not become U+FFFD in a persistent key.
/// </summary>
public class StringKeyTests
{
    public sealed record Named(string Name);

    public sealed record Letter(char Value);

    [Fact]
    public void Lone_surrogates_and_the_replacement_character_are_different_keys()
    {
        TestKeys.AssertAllDistinct("\uD800", "\uDBFF", "\uDC00", "\uFFFD", "a\uD800", "a\uFFFD", "\uD83D\uDE00");
    }

    [Fact]
    public void Lone_surrogates_inside_arrays_lists_and_tuples_are_different_keys()
    {
        TestKeys.AssertAllDistinct(new[] { "\uD800" }, new[] { "\uFFFD" });
        TestKeys.AssertAllDistinct(new List<string> { "\uD800" }, new List<string> { "\uFFFD" });
        Assert.NotEqual(TestKeys.Of(("\uD800", 1)), TestKeys.Of(("\uFFFD", 1)));
    }

    [Fact]
    public void Lone_surrogates_inside_json_encoded_arguments_are_different_keys()
    {
        TestKeys.AssertAllDistinct(new Named("\uD800"), new Named("\uDBFF"), new Named("\uFFFD"), new Named("\uFFFD\uD800"));
        TestKeys.AssertAllDistinct(new Letter('\uD800'), new Letter('\uDC00'), new Letter('\uFFFD'));
        TestKeys.AssertAllDistinct(
            new Dictionary<string, int> { ["\uD800"] = 1 },
            new Dictionary<string, int> { ["\uFFFD"] = 1 },
            new Dictionary<string, int> { ["\uFFFDD800"] = 1 });
    }

    [Fact]
    public void Json_encoded_strings_that_need_no_escape_keep_their_plain_json()
    {
        // Only strings that System.Text.Json would have altered take the escaped form, so the common case reads as JSON.
        Assert.Equal(TestKeys.Of(ValueTuple.Create(new Named("plain é 😀"))), TestKeys.Of(ValueTuple.Create(new Named("plain é 😀"))));
        TestKeys.AssertAllDistinct(new Named("x"), new Named("\uFFFDx"), new Named("\uFFFD0078"));
    }

    [Fact]
    public void Well_formed_strings_are_written_as_length_prefixed_utf8()
    {
        // Method ids hash the identity with this encoding and must never change (rows and folders keep their names).
        const string text = "Fib(é,😀)";
        var utf8 = Encoding.UTF8.GetBytes(text);

        Assert.Equal([.. BitConverter.GetBytes(utf8.Length), .. utf8], Written(text));
    }

    [Fact]
    public void A_lone_surrogate_is_written_as_its_three_byte_generalised_utf8_form()
    {
        // WTF-8: the surrogate's code point encoded as UTF-8 would encode it, so distinct strings give distinct bytes.
        Assert.Equal([5, 0, 0, 0, 0x61, 0xED, 0xA0, 0x80, 0x62], Written("a\uD800b"));
        Assert.Equal([6, 0, 0, 0, 0xED, 0xB0, 0x80, 0xED, 0xAF, 0xBF], Written("\uDC00\uDBFF"));
        Assert.Equal([4, 0, 0, 0, 0xF0, 0x9F, 0x98, 0x80], Written("\uD83D\uDE00"));
    }

    static byte[] Written(string text)
    {
        using var writer = CanonicalWriter.Rent();
        writer.WriteString(text);
        return writer.Written.ToArray();
    }
}
