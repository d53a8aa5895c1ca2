using System;

namespace TwatCache.Sites;

/// <summary>
/// A cached method's identity and settings, validated once (the weaver validates them at build time;
/// this is the defence in depth for code that calls the runtime directly).
/// </summary>
internal sealed class CacheSettings
{
    CacheSettings(Type declaringType, string methodName, string displayName, string attribute,
        int maxSize, double ttlSeconds, EvictionPolicy policy, MemoryBackend backend, TimeProvider? timeProvider)
    {
        DeclaringType = declaringType;
        MethodName = methodName;
        DisplayName = displayName;
        Attribute = attribute;
        MaxSize = maxSize;
        TtlSeconds = ttlSeconds;
        Policy = policy;
        Backend = backend;
        TimeProvider = timeProvider;
    }

    public Type DeclaringType { get; }

    public string MethodName { get; }

    public string DisplayName { get; }

    public string Attribute { get; }

    /// <summary>Most entries per site; 0 for unbounded.</summary>
    public int MaxSize { get; }

    /// <summary>Seconds an entry lives; 0 for forever.</summary>
    public double TtlSeconds { get; }

    public EvictionPolicy Policy { get; }

    public MemoryBackend Backend { get; }

    /// <summary>A clock fixed for this method (tests); <c>null</c>: <see cref="CacheOptions.TimeProvider"/> when a site is created.</summary>
    public TimeProvider? TimeProvider { get; }

    /// <exception cref="ArgumentNullException">A name or the type is null.</exception>
    /// <exception cref="ArgumentException">A setting is out of range or not supported by the backend; the message names it.</exception>
    public static CacheSettings Create(Type declaringType, string methodName, string displayName, string attribute,
        int maxSize, double ttlSeconds, EvictionPolicy policy, MemoryBackend backend, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(declaringType);
        ArgumentNullException.ThrowIfNull(methodName);
        ArgumentNullException.ThrowIfNull(displayName);
        ArgumentNullException.ThrowIfNull(attribute);
        if (maxSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSize), maxSize, $"MaxSize of {displayName} must be at least 1 (0 means unbounded), not {maxSize}.");
        }

        if (!(ttlSeconds >= 0) || double.IsInfinity(ttlSeconds))
        {
            throw new ArgumentOutOfRangeException(nameof(ttlSeconds), ttlSeconds, $"Ttl of {displayName} must be a positive number of seconds (0 means no expiry), not {ttlSeconds}.");
        }

        if (!Enum.IsDefined(policy))
        {
            throw new ArgumentOutOfRangeException(nameof(policy), policy, $"Policy of {displayName} must be Lru, Lfu, Fifo or Rr, not {(int)policy}.");
        }

        if (!Enum.IsDefined(backend))
        {
            throw new ArgumentOutOfRangeException(nameof(backend), backend, $"Backend of {displayName} must be Fast, MemoryCache or RuntimeCache, not {(int)backend}.");
        }

        if (backend == MemoryBackend.RuntimeCache && maxSize != 0)
        {
            throw new ArgumentException($"MaxSize is not supported by Backend = RuntimeCache ({displayName}): System.Runtime.Caching trims by memory pressure, not by entry count. Remove MaxSize or use Backend = Fast or MemoryCache.", nameof(maxSize));
        }

        if (backend != MemoryBackend.Fast && policy != EvictionPolicy.Lru)
        {
            throw new ArgumentException($"Policy = {policy} is not supported by Backend = {backend} ({displayName}), which evicts least recently used entries only. Use Policy = Lru or Backend = Fast.", nameof(policy));
        }

        return new CacheSettings(declaringType, methodName, displayName, attribute, maxSize, ttlSeconds, policy, backend, timeProvider);
    }
}
