using System;
using System.Buffers.Binary;
using TwatCache.Keys.Stable;

namespace TwatCache.Serialization;

/// <summary>
/// The fixed 88-byte header in front of every stored entry, in both engines (little-endian):
/// <code>
///  0  4  magic "TWCE"
///  4  1  format version (2; entries of format 1, checked by SHA-256, are misses and get rewritten)
///  5  1  flags: 1 = payload Brotli-compressed, 2 = payload AES-GCM-encrypted
///  6  1  payload kind (<see cref="PayloadKind"/>)
///  7  1  reserved, 0
///  8  8  created, Unix milliseconds
/// 16  8  expires, Unix milliseconds, 0 = never
/// 24 32  the entry's key (SHA-256): a file copied under another entry's name is caught
/// 56  4  length of the stored payload
/// 60 16  check: unencrypted, XXH64 of bytes 76.. (the nonce and the payload) seeded with XXH64 of bytes 0–59,
///          little-endian, then 8 zero bytes; encrypted, the AES-GCM tag (which authenticates bytes 0–59)
/// 76 12  AES-GCM nonce (zero when not encrypted)
/// 88  …  the stored payload
/// </code>
/// The check covers the expiry and the key, so a truncated, flipped or moved entry is detected.
/// </summary>
internal static class EntryHeader
{
    public const int Size = 88;
    public const int AuthenticatedSize = 60;
    public const int CheckOffset = 60;
    public const int CheckSize = 16;
    public const int NonceOffset = 76;
    public const int NonceSize = 12;
    public const byte FormatVersion = 2;
    public const byte CompressedFlag = 1;
    public const byte EncryptedFlag = 2;

    static ReadOnlySpan<byte> Magic => "TWCE"u8;

    public static void Write(Span<byte> header, byte flags, PayloadKind kind, long createdMs, long expiresMs, KeyHash key, int payloadLength)
    {
        header[..Size].Clear();
        Magic.CopyTo(header);
        header[4] = FormatVersion;
        header[5] = flags;
        header[6] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], createdMs);
        BinaryPrimitives.WriteInt64LittleEndian(header[16..], expiresMs);
        key.CopyTo(header[24..]);
        BinaryPrimitives.WriteInt32LittleEndian(header[56..], payloadLength);
    }

    /// <summary>Checks what can be checked without the payload's check: magic, version, key and length.</summary>
    public static string? Validate(ReadOnlySpan<byte> frame, KeyHash key)
    {
        if (frame.Length < Size)
        {
            return $"entry is {frame.Length} bytes, shorter than its {Size}-byte header (truncated)";
        }

        if (!frame[..4].SequenceEqual(Magic) || frame[4] != FormatVersion)
        {
            return frame[..4].SequenceEqual(Magic) && frame[4] < FormatVersion
                ? $"entry is of the older format {frame[4]}"
                : $"entry does not start with the TwatCache header of format {FormatVersion}";
        }

        if (KeyHash.Read(frame[24..56]) != key)
        {
            return "entry belongs to another key";
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(frame[56..]);
        return length == frame.Length - Size ? null : $"entry payload is {frame.Length - Size} bytes, its header says {length} (truncated)";
    }

    public static byte Flags(ReadOnlySpan<byte> frame) => frame[5];

    public static PayloadKind Kind(ReadOnlySpan<byte> frame) => (PayloadKind)frame[6];

    /// <summary>The creation time as written (Unix ms), before any check; false for a frame too short to hold a header.</summary>
    public static bool TryReadCreated(ReadOnlySpan<byte> frame, out long createdMs)
    {
        createdMs = frame.Length >= Size ? BinaryPrimitives.ReadInt64LittleEndian(frame[8..]) : 0;
        return frame.Length >= Size;
    }

    /// <summary>The expiry as written, before any check (stores use it to expire without decoding; a forged one fails the check later).</summary>
    public static bool TryReadExpires(ReadOnlySpan<byte> frame, out long expiresMs)
    {
        expiresMs = frame.Length >= Size ? BinaryPrimitives.ReadInt64LittleEndian(frame[16..]) : 0;
        return frame.Length >= Size;
    }
}
