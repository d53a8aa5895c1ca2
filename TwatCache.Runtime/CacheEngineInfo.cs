namespace TwatCache;

/// <summary>The engine serving one cached method, as <see cref="Cache.GetEngine"/> returns it.</summary>
/// <param name="Name">The engine, as <see cref="CacheStats.Engine"/> names it: e.g. <c>Fast</c>, <c>Fast/Lru(MaxSize=100)</c>,
/// <c>MemoryCache</c>, <c>SQLite</c>, <c>Files</c>, or <c>Memory</c> for a persistent method's fallback.</param>
/// <param name="Reason">Why this engine serves the method, as <see cref="CacheStats.EngineReason"/> says it.</param>
/// <param name="Underlying">
/// The object beneath the engine: the static method's <c>Microsoft.Extensions.Caching.Memory.IMemoryCache</c> for
/// <c>Backend = MemoryCache</c>, the shared <c>System.Runtime.Caching.MemoryCache</c> for <c>RuntimeCache</c>, the
/// SQLite database file's path (a string) for SQLite, the method's folder of entry files (a string) for Files.
/// <c>null</c> for the Fast engine (its map is woven code's own), for instance methods on a memory engine (each
/// instance has its own), and on the memory fallback. Entries written there directly bypass the method's key
/// encoding and counters: read it to inspect or size, not to serve.
/// </param>
public sealed record CacheEngineInfo(string Name, string Reason, object? Underlying);
