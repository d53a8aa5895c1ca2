using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Linq;
using TwatCache.Serialization;

namespace TwatCache.Tests.Persistence;

/// <summary>[FCache]'s Compress codec: round trips, and payloads that would expand past what they declare are refused (a miss), not decompressed.</summary>
public sealed class CompressionTests
{
    [Fact]
    public void A_compressible_payload_round_trips()
    {
        var data = Enumerable.Range(0, 100_000).Select(i => (byte)(i % 7)).ToArray();

        Assert.True(Compression.TryCompress(data, out var compressed));
        Assert.True(compressed.Length < data.Length);
        Assert.True(Compression.TryDecompress(compressed, out var decompressed, out var problem), problem);
        Assert.Equal(data, decompressed);
    }

    [Fact]
    public void A_payload_that_expands_past_its_declared_length_is_refused()
    {
        // 64 MB of zeros is a few kilobytes of Brotli: a bomb that claims to be 1,000 bytes.
        var bomb = Prefixed(1_000, Brotli(new byte[64 << 20]));

        Assert.False(Compression.TryDecompress(bomb, out var decompressed, out var problem));
        Assert.Empty(decompressed);
        Assert.Contains("past the 1000 bytes it declares", problem);
    }

    [Fact]
    public void A_declared_length_above_the_limit_is_refused_before_decompressing()
    {
        var declared = Prefixed(Compression.MaxDecompressedBytes + 1, Brotli(new byte[10]));

        Assert.False(Compression.TryDecompress(declared, out _, out var problem));
        Assert.Contains("outside 0..", problem);
    }

    [Fact]
    public void A_payload_shorter_than_its_declared_length_is_refused()
    {
        var data = new byte[5_000];
        Assert.False(Compression.TryDecompress(Prefixed(6_000, Brotli(data)), out _, out var problem));
        Assert.Contains("decompresses to 5000 bytes, not the 6000", problem);
    }

    static byte[] Brotli(byte[] data)
    {
        var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            brotli.Write(data);
        }

        return output.ToArray();
    }

    static byte[] Prefixed(int declared, byte[] stream)
    {
        var payload = new byte[sizeof(int) + stream.Length];
        BinaryPrimitives.WriteInt32LittleEndian(payload, declared);
        stream.CopyTo(payload, sizeof(int));
        return payload;
    }
}
