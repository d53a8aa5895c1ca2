using System;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace TwatCache.Keys.Stable;

/// <summary>
/// The byte sink of the canonical key encoding: every number little-endian whatever the machine,
/// every variable-length item length-prefixed, so two different argument lists can never produce
/// the same bytes ("1,2" + "" vs "1" + ",2"). Each thread keeps one spare, reused: encoding a key allocates
/// nothing once the buffer has grown to fit.
/// </summary>
internal sealed class CanonicalWriter : IDisposable
{
    /// <summary>
    /// The largest buffer a thread keeps between keys. A bigger one (a key with a huge argument) is dropped when
    /// its writer is returned: hashing such a key costs far more than allocating its buffer again.
    /// </summary>
    public const int MaxKeptCapacity = 16 * 1024;

    const int InitialCapacity = 256;

    [ThreadStatic]
    static CanonicalWriter? spare;

    byte[] buffer = new byte[InitialCapacity];
    int length;

    /// <summary>
    /// An empty writer, the thread's spare if it is free. Encoding can run user code (a JSON getter or converter, a
    /// list's enumerator) that builds another key on this thread before this one is done: the spare is taken out
    /// while in use, so that inner key gets a writer of its own instead of emptying this one. Dispose to return it.
    /// </summary>
    public static CanonicalWriter Rent()
    {
        var writer = spare ?? new CanonicalWriter();
        spare = null;
        writer.length = 0;
        return writer;
    }

    /// <summary>Returns the writer to be the thread's spare; its bytes are not to be read after this.</summary>
    public void Dispose()
    {
        if (buffer.Length > MaxKeptCapacity)
        {
            buffer = new byte[InitialCapacity];
        }

        spare = this;
    }

    /// <summary>The size of the buffer, grown or not: what the thread would keep.</summary>
    public int Capacity => buffer.Length;

    public ReadOnlySpan<byte> Written => buffer.AsSpan(0, length);

    public void WriteByte(byte value) => Grow(1)[0] = value;

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16LittleEndian(Grow(2), value);

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(Grow(2), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(Grow(4), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(Grow(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(Grow(8), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(Grow(8), value);

    public void WriteInt128(Int128 value) => BinaryPrimitives.WriteInt128LittleEndian(Grow(16), value);

    public void WriteUInt128(UInt128 value) => BinaryPrimitives.WriteUInt128LittleEndian(Grow(16), value);

    // Floating point is keyed by its bits: -0.0 and 0.0, or two NaNs of different payloads, are values a
    // method can tell apart (1 / x, BitConverter), so they are different keys even though Equals calls them equal.
    public void WriteDouble(double value) => WriteInt64(BitConverter.DoubleToInt64Bits(value));

    public void WriteSingle(float value) => WriteInt32(BitConverter.SingleToInt32Bits(value));

    public void WriteHalf(Half value) => WriteUInt16(BitConverter.HalfToUInt16Bits(value));

    /// <summary>
    /// Length in bytes, then the string in generalised UTF-8 (<see cref="Wtf8"/>): UTF-8 for well-formed text, and a
    /// lone surrogate kept as itself rather than replaced. A null string is written by the caller as a null marker.
    /// </summary>
    public void WriteString(string value)
    {
        var count = Wtf8.GetByteCount(value);
        WriteInt32(count);
        Wtf8.Encode(value, Grow(count));
    }

    /// <summary><paramref name="count"/> zero bytes, without a length: padding whose size the reader already knows.</summary>
    public void WriteZeros(int count) => Grow(count).Clear();

    /// <summary>Length, then the bytes as they are.</summary>
    public void WriteBlob(ReadOnlySpan<byte> bytes)
    {
        WriteInt32(bytes.Length);
        bytes.CopyTo(Grow(bytes.Length));
    }

    /// <summary>
    /// An array of a primitive type as raw little-endian bytes: one copy on little-endian machines,
    /// element by element (through <paramref name="writeElement"/>) on big-endian ones. Floating-point
    /// elements too: they are keyed by their bits, which is what the copy writes.
    /// </summary>
    public void WritePrimitives<T>(ReadOnlySpan<T> values, Action<CanonicalWriter, T> writeElement)
        where T : unmanaged
    {
        WriteInt32(values.Length);
        if (BitConverter.IsLittleEndian)
        {
            var bytes = MemoryMarshal.AsBytes(values);
            bytes.CopyTo(Grow(bytes.Length));
            return;
        }

        foreach (var value in values)
        {
            writeElement(this, value);
        }
    }

    Span<byte> Grow(int count)
    {
        if (buffer.Length - length < count)
        {
            var larger = new byte[Math.Max(buffer.Length * 2, length + count)];
            buffer.AsSpan(0, length).CopyTo(larger);
            buffer = larger;
        }

        var span = buffer.AsSpan(length, count);
        length += count;
        return span;
    }
}
