using System;
using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace TwatCache.Keys.Stable;

/// <summary>
/// Generalised UTF-8 (WTF-8): UTF-8 that also encodes a lone surrogate, as the three bytes UTF-8 would give its
/// code point (U+D800 → ED A0 80). A .NET string is any sequence of UTF-16 code units, and a method can tell
/// "\uD800" from "\uFFFD"; plain <see cref="Encoding.UTF8"/> would turn both into EF BF BD and let them share an
/// entry. A well-formed string gets exactly its UTF-8 bytes, so keys and method ids of ordinary strings are
/// unchanged, and no two strings share bytes (a surrogate pair is always encoded as one four-byte scalar).
/// </summary>
internal static class Wtf8
{
    /// <summary>
    /// The encoded length. UTF-8 counts every lone surrogate as its replacement U+FFFD, three bytes: exactly the
    /// length of its WTF-8 form, so the platform's vectorised count is the right one.
    /// </summary>
    public static int GetByteCount(string value) => Encoding.UTF8.GetByteCount(value);

    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/>, which is <see cref="GetByteCount"/> bytes long.</summary>
    public static void Encode(ReadOnlySpan<char> value, Span<byte> destination)
    {
        while (true)
        {
            var status = Utf8.FromUtf16(value, destination, out var read, out var written, replaceInvalidSequences: false);
            if (status == OperationStatus.Done)
            {
                return;
            }

            // InvalidData stops at a lone surrogate (the destination is exactly long enough, so it is never too small).
            var unit = value[read];
            destination = destination[written..];
            destination[0] = (byte)(0xE0 | unit >> 12);
            destination[1] = (byte)(0x80 | ((unit >> 6) & 0x3F));
            destination[2] = (byte)(0x80 | (unit & 0x3F));
            destination = destination[3..];
            value = value[(read + 1)..];
        }
    }
}
