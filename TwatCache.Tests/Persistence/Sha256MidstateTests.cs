using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using TwatCache.Keys.Stable;

namespace TwatCache.Tests.Persistence;

/// <summary>Our SHA-256 (resumed after a fixed prefix) must be SHA-256, bit for bit, at every length.</summary>
public class Sha256MidstateTests
{
    static readonly Random Random = new(20261121);

    static string Hex(KeyHash hash) => hash.ToHex();

    static string PlatformHex(ReadOnlySpan<byte> message) => Convert.ToHexStringLower(SHA256.HashData(message));

    [Theory]
    // FIPS 180-4 / NIST CSRC examples: empty, one block, two blocks (the padding spills into a second block).
    [InlineData("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")]
    [InlineData("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")]
    public void Published_vectors(string message, string expected)
    {
        Assert.Equal(expected, Hex(new Sha256Midstate([]).Hash(Encoding.ASCII.GetBytes(message))));
    }

    [Fact]
    public void A_million_a_through_the_prefix()
    {
        // The long NIST vector, most of it as a prefix (15,625 blocks) and the rest as a tail.
        var message = Enumerable.Repeat((byte)'a', 1_000_000).ToArray();
        var prefixLength = message.Length / Sha256Block.Size * Sha256Block.Size;

        var hash = new Sha256Midstate(message.AsSpan(0, prefixLength)).Hash(message.AsSpan(prefixLength));

        Assert.Equal("cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0", Hex(hash));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(64)]
    [InlineData(320)]
    public void Equals_the_platform_hash_for_every_tail_length_around_the_block_and_limit_boundaries(int prefixLength)
    {
        var prefix = new byte[prefixLength];
        Random.NextBytes(prefix);
        var hasher = new Sha256Midstate(prefix);

        // Every length through three blocks (the padding's one-block and two-block cases at each boundary),
        // then around the switch to the platform hash, then a long tail.
        var lengths = Enumerable.Range(0, 3 * Sha256Block.Size + 1)
            .Concat(Enumerable.Range(Sha256Midstate.ManagedTailLimit - 2, 5))
            .Append(10_000);
        foreach (var length in lengths)
        {
            var tail = new byte[length];
            Random.NextBytes(tail);

            Assert.Equal(PlatformHex([.. prefix, .. tail]), Hex(hasher.Hash(tail)));
        }
    }

    [Fact]
    public void The_saved_state_is_not_changed_by_hashing()
    {
        var hasher = new Sha256Midstate(new byte[128]);
        var first = hasher.Hash([1, 2, 3]);
        hasher.Hash(new byte[200]);

        Assert.Equal(first, hasher.Hash([1, 2, 3]));
    }

    [Fact]
    public void A_prefix_that_is_not_whole_blocks_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new Sha256Midstate(new byte[100]));

        Assert.Contains("whole number of 64-byte blocks", error.Message, StringComparison.Ordinal);
    }
}
