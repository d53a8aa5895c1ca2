using System;
using System.Linq;
using TwatCache.Keys.Stable;
using TwatCache.Serialization;

namespace TwatCache.Tests.Persistence;

public class EntryCodecTests
{
    static readonly KeyHash Key = KeyHash.Of("key"u8);
    static readonly KeyHash OtherKey = KeyHash.Of("other"u8);
    static readonly byte[] Payload = Enumerable.Range(0, 4000).Select(i => (byte)(i % 7)).ToArray();
    static readonly byte[] SecretKey = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void An_entry_round_trips_with_or_without_compression_and_encryption(bool compress, bool encrypt)
    {
        var codec = new EntryCodec(compress, encrypt ? SecretKey : null);
        var frame = codec.Encode(Key, PayloadKind.Json, Payload, createdMs: 1000, expiresMs: 5000);

        Assert.True(codec.TryDecode(Key, frame, out var kind, out var payload, out var problem), problem);
        Assert.Equal(PayloadKind.Json, kind);
        Assert.Equal(Payload, payload.ToArray());
        Assert.True(EntryHeader.TryReadExpires(frame, out var expires));
        Assert.Equal(5000, expires);
        Assert.Equal(compress, frame.Length < Payload.Length);
    }

    [Fact]
    public void An_incompressible_payload_is_stored_as_it_is()
    {
        var noise = new byte[4096];
        new Random(7).NextBytes(noise);
        var codec = new EntryCodec(compress: true, null);

        var frame = codec.Encode(Key, PayloadKind.RawArray, noise, 0, 0);

        Assert.Equal(0, EntryHeader.Flags(frame) & EntryHeader.CompressedFlag);
        Assert.True(codec.TryDecode(Key, frame, out _, out var payload, out _));
        Assert.Equal(noise, payload.ToArray());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_flipped_byte_and_every_truncation_is_detected(bool encrypt)
    {
        var codec = new EntryCodec(compress: true, encrypt ? SecretKey : null);
        var frame = codec.Encode(Key, PayloadKind.Json, Payload[..300], 1000, 0);

        for (var i = 0; i < frame.Length; i++)
        {
            var damaged = (byte[])frame.Clone();
            damaged[i] ^= 0x20;
            Assert.False(codec.TryDecode(Key, damaged, out _, out _, out var problem), $"byte {i}");
            Assert.NotNull(problem);
        }

        for (var length = 0; length < frame.Length; length += 7)
        {
            Assert.False(codec.TryDecode(Key, frame.AsMemory(0, length), out _, out _, out _), $"length {length}");
        }
    }

    [Fact]
    public void A_flipped_payload_byte_of_a_plain_entry_fails_its_checksum()
    {
        var codec = new EntryCodec(compress: false, null);
        var frame = codec.Encode(Key, PayloadKind.RawArray, Payload, 1000, 0);

        foreach (var at in new[] { EntryHeader.Size, EntryHeader.Size + 1234, frame.Length - 1 })
        {
            var damaged = (byte[])frame.Clone();
            damaged[at] ^= 0x01;
            Assert.False(codec.TryDecode(Key, damaged, out _, out _, out var problem), $"byte {at}");
            Assert.Contains("checksum", problem);
        }
    }

    [Fact]
    public void A_truncated_plain_entry_is_refused_even_with_a_length_that_agrees()
    {
        var codec = new EntryCodec(compress: false, null);
        var frame = codec.Encode(Key, PayloadKind.RawArray, Payload, 1000, 0);

        Assert.False(codec.TryDecode(Key, frame.AsMemory(0, frame.Length - 8), out _, out _, out var problem));
        Assert.Contains("truncated", problem);

        // Cut short and its length field rewritten to match: only the checksum can tell.
        var cut = frame[..(frame.Length - 8)];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(cut.AsSpan(56), cut.Length - EntryHeader.Size);
        Assert.False(codec.TryDecode(Key, cut, out _, out _, out problem));
        Assert.Contains("checksum", problem);
    }

    [Fact]
    public void A_plain_entry_is_checked_by_xxh64_and_its_payload_is_served_in_place()
    {
        var codec = new EntryCodec(compress: false, null);
        var frame = codec.Encode(Key, PayloadKind.RawArray, Payload, 1000, 0);

        var seed = XxHash64.Hash(frame.AsSpan(0, EntryHeader.AuthenticatedSize));
        var expected = XxHash64.Hash(frame.AsSpan(EntryHeader.NonceOffset), seed);
        Assert.Equal(expected, System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(frame.AsSpan(EntryHeader.CheckOffset)));
        Assert.Equal(new byte[8], frame.AsSpan(EntryHeader.CheckOffset + 8, 8).ToArray());

        Assert.True(codec.TryDecode(Key, frame, out _, out var payload, out _));
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(payload, out var segment));
        Assert.Same(frame, segment.Array);
        Assert.Equal(EntryHeader.Size, segment.Offset);
    }

    [Fact]
    public void An_entry_of_format_1_is_a_miss_not_an_error()
    {
        var codec = new EntryCodec(compress: false, null);
        var frame = codec.Encode(Key, PayloadKind.Json, Payload, 1000, 0);
        frame[4] = 1;

        Assert.False(codec.TryDecode(Key, frame, out _, out _, out var problem));
        Assert.Contains("older format 1", problem);
    }

    [Fact]
    public void An_entry_of_another_key_is_refused()
    {
        var codec = new EntryCodec(false, null);
        var frame = codec.Encode(Key, PayloadKind.Json, Payload, 0, 0);

        Assert.False(codec.TryDecode(OtherKey, frame, out _, out _, out var problem));
        Assert.Contains("another key", problem);
    }

    [Fact]
    public void A_wrong_key_or_a_missing_key_cannot_read_an_encrypted_entry()
    {
        var frame = new EntryCodec(false, SecretKey).Encode(Key, PayloadKind.Json, Payload, 0, 0);
        var wrongKey = SecretKey.Select(b => (byte)(b ^ 1)).ToArray();

        Assert.False(new EntryCodec(false, wrongKey).TryDecode(Key, frame, out _, out _, out var problem));
        Assert.Contains("tag", problem);
        Assert.False(new EntryCodec(false, null).TryDecode(Key, frame, out _, out _, out _));
        Assert.Equal(-1, frame.AsSpan().IndexOf(Payload.AsSpan(0, 64))); // ciphertext, not the payload
    }

    [Fact]
    public void With_a_key_configured_plain_entries_are_refused()
    {
        var plain = new EntryCodec(false, null).Encode(Key, PayloadKind.Json, Payload, 0, 0);

        Assert.False(new EntryCodec(false, SecretKey).TryDecode(Key, plain, out _, out _, out var problem));
        Assert.Contains("not encrypted", problem);
    }

    [Fact]
    public void Twatcache_key_must_be_base64_of_a_valid_key_length()
    {
        Assert.Null(EncryptionKeySource.Parse(null));
        Assert.Null(EncryptionKeySource.Parse(""));
        Assert.Equal(SecretKey, EncryptionKeySource.Parse(Convert.ToBase64String(SecretKey)));
        Assert.Contains("TWATCACHE_KEY", Assert.Throws<InvalidOperationException>(() => EncryptionKeySource.Parse("not base64!")).Message);
        Assert.Contains("TWATCACHE_KEY", Assert.Throws<InvalidOperationException>(() => EncryptionKeySource.Parse(Convert.ToBase64String(new byte[10]))).Message);
    }
}
