using System;
using System.IO;
using System.IO.Compression;
using System.Security.Cryptography;
using TwatCache.Persistence.Keys;

namespace TwatCache.Persistence.Serialization;

/// <summary>
/// Frames a serialized value into a stored entry (see <see cref="EntryHeader"/>) and back:
/// optional compression, then a checksum or, with a key, AES-GCM encryption whose tag covers the
/// header (and so the entry's key and expiry: an entry moved to another key or given a longer life
/// fails). Decoding never throws: a bad entry is a problem sentence, which the caller treats as a miss.
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
            Checksum(span[..EntryHeader.AuthenticatedSize], nonce, payload, check);
            return frame;
        }

        // A fresh random nonce per entry: 96 random bits make a repeat under one key negligible.
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(encryptionKey, EntryHeader.CheckSize);
        aes.Encrypt(nonce, payload, span[EntryHeader.Size..], check, span[..EntryHeader.AuthenticatedSize]);
        return frame;
    }

    public bool TryDecode(KeyHash key, ReadOnlySpan<byte> frame, out PayloadKind kind, out byte[] payload, out string? problem)
    {
        kind = default;
        payload = [];
        problem = EntryHeader.Validate(frame, key);
        if (problem is not null)
        {
            return false;
        }

        var flags = EntryHeader.Flags(frame);
        var encrypted = (flags & EntryHeader.EncryptedFlag) != 0;
        if (encrypted != Encrypts)
        {
            // With a key configured, plain entries are refused too: anyone able to write the folder could plant them.
            problem = encrypted ? "entry is encrypted and no key is configured" : "entry is not encrypted and a key is configured";
            return false;
        }

        var authenticated = frame[..EntryHeader.AuthenticatedSize];
        var check = frame.Slice(EntryHeader.CheckOffset, EntryHeader.CheckSize);
        var nonce = frame.Slice(EntryHeader.NonceOffset, EntryHeader.NonceSize);
        var stored = frame[EntryHeader.Size..];
        if (!encrypted)
        {
            Span<byte> expected = stackalloc byte[EntryHeader.CheckSize];
            Checksum(authenticated, nonce, stored, expected);
            if (!CryptographicOperations.FixedTimeEquals(expected, check))
            {
                problem = "entry checksum does not match (corrupt)";
                return false;
            }

            payload = stored.ToArray();
        }
        else
        {
            payload = new byte[stored.Length];
            try
            {
                using var aes = new AesGcm(encryptionKey!, EntryHeader.CheckSize);
                aes.Decrypt(nonce, stored, check, payload, authenticated);
            }
            catch (AuthenticationTagMismatchException)
            {
                problem = "entry fails its AES-GCM tag check (tampered, corrupt or another key)";
                return false;
            }
        }

        if ((flags & EntryHeader.CompressedFlag) != 0 && !Compression.TryDecompress(payload, out payload, out problem))
        {
            return false;
        }

        kind = EntryHeader.Kind(frame);
        return true;
    }

    static void Checksum(ReadOnlySpan<byte> header, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(header);
        hash.AppendData(nonce);
        hash.AppendData(payload);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        digest[..EntryHeader.CheckSize].CopyTo(destination);
    }
}
