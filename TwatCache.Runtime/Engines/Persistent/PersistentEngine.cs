using System;
using TwatCache.Serialization;

namespace TwatCache.Engines.Persistent;

/// <summary>
/// What a persistent method's first call opens from the settings in force: its store (or the memory
/// fallback, with the reason), the entry codec (with the encryption key) and the clock. Opened at a call,
/// never in the holder's type initializer: an invalid setting then throws at that call, naming the
/// setting, and the next call tries again instead of finding the type poisoned for good. The lock timeout
/// (<see cref="CacheOptions.LockTimeout"/>) is read then too.
/// </summary>
internal sealed record PersistentEngine(IPersistentStore Store, EntryCodec Codec, TimeProvider Time, TimeSpan LockTimeout, string? Fallback);
