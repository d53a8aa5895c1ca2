using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using TwatCache.Keys.Stable;

namespace TwatCache.Serialization;

/// <summary>
/// Frames a serialized value into a stored entry (see <see cref="EntryHeader"/>) and back:
/// optional compression, then a checksum (XXH64: see <see cref="Checksum"/> for why that is enough) or,
/// with a key, AES-GCM encryption whose tag covers the header (and so the entry's key and expiry: an
/// entry moved to another key or given a longer life fails). Decoding never throws: a bad entry is a problem sentence, which the caller treats as a miss.
/// </summary>
internal sealed class EntryCodec(bool compress, byte[]? encryptionKey)
{
    public bool Encrypts => encryptionKey is not null;

    public byte[] Encode(KeyHash key, PayloadKind kind, ReadOnlySpan<byte> payload, long createdMs, long expiresMs)
    {
        byte flags = 0;
        if (compress && Compression.TryCompress(payload, out var compressed))
        {
            payload = compressed;
            flags |= EntryHeader.CompressedFlag;
        }

        if (encryptionKey is not null)
        {
            flags |= EntryHeader.EncryptedFlag;
        }

        var frame = new byte[EntryHeader.Size + payload.Length];
        var span = frame.AsSpan();
        EntryHeader.Write(span, flags, kind, createdMs, expiresMs, key, payload.Length);
        var nonce = span.Slice(EntryHeader.NonceOffset, EntryHeader.NonceSize);
        var check = span.Slice(EntryHeader.CheckOffset, EntryHeader.CheckSize);
        if (encryptionKey is null)
        {
            payload.CopyTo(span[EntryHeader.Size..]);
            Checksum(span, check);
            return frame;
        }

        // A fresh random nonce per entry: 96 random bits make a repeat under one key negligible.
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(encryptionKey, EntryHeader.CheckSize);
        aes.Encrypt(nonce, payload, span[EntryHeader.Size..], check, span[..EntryHeader.AuthenticatedSize]);
        return frame;
    }

    /// <summary>
    /// The payload of <paramref name="frame"/>: a slice of it when the entry is stored plain (no copy), a new
    /// buffer when it had to be decrypted or decompressed.
    /// </summary>
    public bool TryDecode(KeyHash key, ReadOnlyMemory<byte> frame, out PayloadKind kind, out ReadOnlyMemory<byte> payload, out string? problem)
    {
        kind = default;
        payload = default;
        var span = frame.Span;
        problem = EntryHeader.Validate(span, key);
        if (problem is not null)
        {
            return false;
        }

        var flags = EntryHeader.Flags(span);
        var encrypted = (flags & EntryHeader.EncryptedFlag) != 0;
        if (encrypted != Encrypts)
        {
            // With a key configured, plain entries are refused too: anyone able to write the folder could plant them.
            problem = encrypted ? "entry is encrypted and no key is configured" : "entry is not encrypted and a key is configured";
            return false;
        }

        var check = span.Slice(EntryHeader.CheckOffset, EntryHeader.CheckSize);
        if (!encrypted)
        {
            Span<byte> expected = stackalloc byte[EntryHeader.CheckSize];
            Checksum(span, expected);
            if (!expected.SequenceEqual(check))
            {
                problem = "entry checksum does not match (corrupt)";
                return false;
            }

            payload = frame[EntryHeader.Size..];
        }
        else
        {
            var stored = span[EntryHeader.Size..];
            var plain = new byte[stored.Length];
            try
            {
                using var aes = new AesGcm(encryptionKey!, EntryHeader.CheckSize);
                aes.Decrypt(span.Slice(EntryHeader.NonceOffset, EntryHeader.NonceSize), stored, check, plain, span[..EntryHeader.AuthenticatedSize]);
            }
            catch (AuthenticationTagMismatchException)
            {
                problem = "entry fails its AES-GCM tag check (tampered, corrupt or another key)";
                return false;
            }

            payload = plain;
        }

        if ((flags & EntryHeader.CompressedFlag) != 0)
        {
            if (!Compression.TryDecompress(payload, out var decompressed, out problem))
            {
                return false;
            }

            payload = decompressed;
        }

        kind = EntryHeader.Kind(span);
        return true;
    }

    /// <summary>
    /// The check of an unencrypted frame whose header (and zero nonce) is written: XXH64 over the nonce and
    /// payload (bytes 76.., contiguous), seeded with XXH64 of bytes 0–59, so the key, expiry and length are
    /// covered too; the check field itself (60–75) is left out. 64 bits, then 8 zero bytes in the 16-byte field.
    /// Not cryptographic, on purpose. A torn entry cannot happen (both engines replace an entry atomically:
    /// a rename, a transaction), so the check is only there for accidental damage (a bad disk, a truncated
    /// copy), against which 64 bits are plenty. Deliberate tampering is kept out by the folder and files being
    /// private (0700/0600); whoever must trust entries despite other writers configures a key, and encrypted
    /// entries keep AES-GCM, whose tag is their check. SHA-256 was used before (format 1) and, on a CPU
    /// without SHA instructions, cost four times the read of an 80 KB entry.
    /// </summary>
    static void Checksum(ReadOnlySpan<byte> frame, Span<byte> destination)
    {
        var header = XxHash64.Hash(frame[..EntryHeader.AuthenticatedSize]);
        var hash = XxHash64.Hash(frame[EntryHeader.NonceOffset..], header);
        BinaryPrimitives.WriteUInt64LittleEndian(destination, hash);
        destination[sizeof(ulong)..EntryHeader.CheckSize].Clear();
    }
}
