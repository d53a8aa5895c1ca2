using System;
using System.Linq;
using TwatCache.Sites;

namespace TwatCache.Tests.Persistence;

/// <summary><c>CacheOptions.EncryptionKey</c> holds its own copy: the caller's array is theirs to wipe.</summary>
public class EncryptionKeyOptionTests
{
    static byte[] Secret() => Enumerable.Repeat((byte)0x5A, 32).ToArray();

    [Fact]
    public void Wiping_the_array_given_to_the_setter_does_not_change_the_key()
    {
        var options = new CacheOptions();
        var given = Secret();

        options.EncryptionKey = given;
        Array.Clear(given);

        Assert.Equal(Secret(), options.EncryptionKey);
        Assert.Equal(Secret(), PersistentSettings.From(options).EncryptionKey);
    }

    [Fact]
    public void Changing_the_array_returned_by_the_getter_does_not_change_the_key()
    {
        var options = new CacheOptions { EncryptionKey = Secret() };

        Array.Clear(options.EncryptionKey!);

        Assert.Equal(Secret(), options.EncryptionKey);
        Assert.Equal(Secret(), PersistentSettings.From(options).EncryptionKey);
    }

    [Fact]
    public void The_configured_key_survives_in_a_published_options_clone()
    {
        var given = Secret();
        var options = new CacheOptions { EncryptionKey = given };
        var clone = options.Clone();

        Array.Clear(given);

        Assert.Equal(Secret(), clone.EncryptionKey);
    }
}
