using System;
using System.ComponentModel;
using TwatCache.Diagnostics;

namespace TwatCache.Sites;

/// <summary>
/// Everything about one cached method, in one object: who it is, which attribute asked, and its settings.
/// The woven holder class creates one, sets only what is not default (an object initializer), and passes it
/// to its method's constructor (<see cref="CachedMethod{TKey, TValue}"/>, <see cref="AsyncCachedMethod{TKey, TResult}"/>
/// or <see cref="PersistentCachedMethod{TKey, TValue}"/>), which runs <see cref="Validate"/> and keeps it; from then on
/// it cannot change. The defaults live here, once. Each setter checks its own value and names the setting and
/// the method; the rules between settings are checked by <see cref="Validate"/>. The weaver checks the same rules
/// at build time (its messages are in the weaver's <c>Messages</c>); these are the defence in depth for code that
/// calls the runtime directly. Called only by woven code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class CachedMethodDescriptor
{
    // The parameter names of the exceptions are those of the constructor arguments these settings once were.
    int maxSize;
    double ttl;
    double failSafe;
    EvictionPolicy policy = EvictionPolicy.Lru;
    MemoryBackend backend = MemoryBackend.Fast;
    string? folder;
    string version = "";
    bool compress;
    EngineChoice choice;
    CacheEngine? engine;
    string? methodIdentity;
    string? ilHash;
    Type? instantiation;
    TimeProvider? timeProvider;
    CacheOptions? options;
    Delegate? skipWhen;
    bool inUse;

    /// <param name="declaringType">The method's declaring type (closed, for generic types).</param>
    /// <param name="methodName">The method's metadata name, as <c>Cache.Clear(Type, string)</c> matches it.</param>
    /// <param name="displayName">A readable signature for <c>Cache.Stats()</c> and messages, e.g. <c>Fib(int)</c>.</param>
    /// <param name="kind">The attribute that asked for caching.</param>
    /// <exception cref="ArgumentNullException">The type or a name is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a <see cref="CacheKind"/>.</exception>
    public CachedMethodDescriptor(Type declaringType, string methodName, string displayName, CacheKind kind)
    {
        ArgumentNullException.ThrowIfNull(declaringType);
        ArgumentNullException.ThrowIfNull(methodName);
        ArgumentNullException.ThrowIfNull(displayName);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Kind of {displayName} must be {Names<CacheKind>()}, not {(int)kind}.");
        }

        DeclaringType = declaringType;
        MethodName = methodName;
        DisplayName = displayName;
        Kind = kind;
    }

    /// <summary>The method's declaring type (closed, for generic types).</summary>
    public Type DeclaringType { get; }

    /// <summary>The method's metadata name, as <c>Cache.Clear(Type, string)</c> matches it.</summary>
    public string MethodName { get; }

    /// <summary>A readable signature for <c>Cache.Stats()</c> and messages, e.g. <c>Fib(int)</c>.</summary>
    public string DisplayName { get; }

    /// <summary>The attribute that asked for caching, which picks the engine family.</summary>
    public CacheKind Kind { get; }

    /// <summary>Most entries (per site for memory methods); 0, the default, for unbounded.</summary>
    public int MaxSize
    {
        get => maxSize;
        set
        {
            ThrowIfInUse(nameof(MaxSize));
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException("maxSize", value, $"MaxSize of {DisplayName} must be at least 1 (0 means unbounded), not {value}.");
            }

            maxSize = value;
        }
    }

    /// <summary>Seconds an entry lives; 0, the default, for forever.</summary>
    public double Ttl
    {
        get => ttl;
        set
        {
            ThrowIfInUse(nameof(Ttl));
            ttl = ValidSeconds(value, nameof(Ttl), "ttlSeconds", "no expiry");
        }
    }

    /// <summary>
    /// Seconds an expired entry is kept beyond <see cref="Ttl"/>, served when the body throws; 0, the default, for
    /// none (the exception reaches the caller). Needs a <see cref="Ttl"/> (checked by <see cref="Validate"/>).
    /// </summary>
    public double FailSafe
    {
        get => failSafe;
        set
        {
            ThrowIfInUse(nameof(FailSafe));
            failSafe = ValidSeconds(value, nameof(FailSafe), "failSafe", "no fail-safe");
        }
    }

    /// <summary>The rule of Ttl and FailSafe: a finite number of seconds, 0 or more (0 turns the setting off).</summary>
    double ValidSeconds(double value, string setting, string parameter, string zeroMeans) =>
        value >= 0 && !double.IsInfinity(value)
            ? value
            : throw new ArgumentOutOfRangeException(parameter, value, $"{setting} of {DisplayName} must be a positive number of seconds (0 means {zeroMeans}), not {value}.");

    /// <summary>Which entry a bounded memory site drops when full; <see cref="EvictionPolicy.Lru"/> by default.</summary>
    public EvictionPolicy Policy
    {
        get => policy;
        set
        {
            ThrowIfInUse(nameof(Policy));
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException("policy", value, $"Policy of {DisplayName} must be {Names<EvictionPolicy>()}, not {(int)value}.");
            }

            policy = value;
        }
    }

    /// <summary>Which memory store serves the method; <see cref="MemoryBackend.Fast"/> by default.</summary>
    public MemoryBackend Backend
    {
        get => backend;
        set
        {
            ThrowIfInUse(nameof(Backend));
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException("backend", value, $"Backend of {DisplayName} must be {Names<MemoryBackend>()}, not {(int)value}.");
            }

            backend = value;
        }
    }

    /// <summary>
    /// [BCache]/[FCache]: the attribute's <c>Folder</c>, relative to the assembly's cache folder; null or "" (the
    /// default) for <c>default</c>. Whether it stays inside the cache is checked at the first call, with the cache folder.
    /// </summary>
    public string? Folder
    {
        get => folder;
        set
        {
            ThrowIfInUse(nameof(Folder));
            folder = value;
        }
    }

    /// <summary>[BCache]/[FCache]: the attribute's <c>Version</c>, "" by default; bumping it drops old entries.</summary>
    public string Version
    {
        get => version;
        set
        {
            ThrowIfInUse(nameof(Version));
            version = value ?? throw new ArgumentNullException("version", $"Version of {DisplayName} must not be null; \"\" means no version.");
        }
    }

    /// <summary>[FCache]: Brotli-compress the entries that get smaller by it; false by default.</summary>
    public bool Compress
    {
        get => compress;
        set
        {
            ThrowIfInUse(nameof(Compress));
            compress = value;
        }
    }

    /// <summary>
    /// Why the method has its engine: <see cref="EngineChoice.Attribute"/> (the default) when its attribute names the
    /// engine; for <c>[UCache]</c>, which chose <see cref="Kind"/> at build time, how it chose. Shown by <c>Cache.Stats()</c>.
    /// </summary>
    public EngineChoice Choice
    {
        get => choice;
        set
        {
            ThrowIfInUse(nameof(Choice));
            if (!Enum.IsDefined(value))
            {
                throw new ArgumentOutOfRangeException("choice", value, $"Choice of {DisplayName} must be {Names<EngineChoice>()}, not {(int)value}.");
            }

            choice = value;
        }
    }

    /// <summary>
    /// The engine when <see cref="Kind"/> alone does not name it: <see cref="CacheEngine.Redis"/> or
    /// <see cref="CacheEngine.Distributed"/> (the shared tiers), whose methods are [BCache]'s kind (the same stable keys and
    /// entries, in Redis or the app's <c>IDistributedCache</c> rather than SQLite); null, the default, otherwise.
    /// </summary>
    public CacheEngine? Engine
    {
        get => engine;
        set
        {
            ThrowIfInUse(nameof(Engine));
            if (value is not (null or CacheEngine.Redis or CacheEngine.Distributed))
            {
                throw new ArgumentOutOfRangeException("engine", value,
                    $"Engine of {DisplayName} must be null (the kind's own engine), {nameof(CacheEngine.Redis)} or {nameof(CacheEngine.Distributed)}, not {value}.");
            }

            engine = value;
        }
    }

    /// <summary>
    /// [BCache]/[FCache], required: the method's full identity, e.g. <c>MyApp.Images::Render(System.Int32)</c>,
    /// which names its entries on disk.
    /// </summary>
    public string? MethodIdentity
    {
        get => methodIdentity;
        set
        {
            ThrowIfInUse(nameof(MethodIdentity));
            methodIdentity = RequireText(value, "methodIdentity", nameof(MethodIdentity));
        }
    }

    /// <summary>[BCache]/[FCache], required: a hash of the method's IL, so a changed body never serves the old body's results.</summary>
    public string? IlHash
    {
        get => ilHash;
        set
        {
            ThrowIfInUse(nameof(IlHash));
            ilHash = RequireText(value, "ilHash", nameof(IlHash));
        }
    }

    /// <summary>
    /// [BCache]/[FCache] generic methods: the closed holder class the weaver added for the method. Its generic
    /// arguments after the declaring type's are the method's own type arguments, which the key must tell apart
    /// (<c>Parse&lt;int&gt;("1")</c> and <c>Parse&lt;double&gt;("1")</c> are different results); null, the default, for none.
    /// </summary>
    public Type? Instantiation
    {
        get => instantiation;
        set
        {
            ThrowIfInUse(nameof(Instantiation));
            instantiation = value;
        }
    }

    /// <summary>
    /// The attribute's <c>SkipWhen</c>: a <c>Func&lt;TValue, bool&gt;</c> over the method's result (the awaited result for
    /// async methods) that returns true for a result not to store; null, the default, to store every result. Its type is
    /// checked by the method's constructor, which knows <c>TValue</c> (<see cref="SkipWhenOf{TValue}"/>).
    /// </summary>
    public Delegate? SkipWhen
    {
        get => skipWhen;
        set
        {
            ThrowIfInUse(nameof(SkipWhen));
            skipWhen = value;
        }
    }

    /// <summary>
    /// For tests: a clock for every site of this method; null (the default): <see cref="CacheOptions.TimeProvider"/>
    /// when a memory site is created, or when a persistent method is first called.
    /// </summary>
    internal TimeProvider? TimeProvider
    {
        get => timeProvider;
        set
        {
            ThrowIfInUse(nameof(TimeProvider));
            timeProvider = value;
        }
    }

    /// <summary>For tests: the options a persistent method reads at its first call; null (the default): <c>Cache.Options</c> then.</summary>
    internal CacheOptions? Options
    {
        get => options;
        set
        {
            ThrowIfInUse(nameof(Options));
            options = value;
        }
    }

    /// <summary>[BCache] or [FCache]: entries outlive the process.</summary>
    internal bool IsPersistent => Kind is CacheKind.BCache or CacheKind.FCache;

    /// <summary>The method's type arguments, from <see cref="Instantiation"/>; empty for a method that is not generic.</summary>
    internal Type[] MethodTypeArguments =>
        instantiation is null ? [] : instantiation.GetGenericArguments()[DeclaringType.GetGenericArguments().Length..];

    /// <summary>
    /// The rules between settings, run once by the method's constructor, which then owns the descriptor: later
    /// changes throw. <paramref name="persistentSite"/> says which family the constructor serves.
    /// </summary>
    /// <exception cref="ArgumentException">The kind does not fit the site family, or two settings do not go together; the message names them.</exception>
    internal void Validate(bool persistentSite)
    {
        if (IsPersistent != persistentSite)
        {
            var expected = persistentSite ? "BCache or FCache" : "MCache or ACache";
            throw new ArgumentException($"Kind = {Kind} of {DisplayName} is not served by this cached method type, which takes {expected}.", "kind");
        }

        if (engine is { } shared && Kind != CacheKind.BCache)
        {
            throw new ArgumentException($"Engine = {shared} of {DisplayName} needs Kind = BCache ({shared} serves [BCache]'s persistent site), not {Kind}.", "engine");
        }

        if (failSafe > 0 && ttl == 0)
        {
            throw new ArgumentException($"FailSafe of {DisplayName} needs a Ttl: without one nothing expires, so there is no expired value to serve.", "failSafe");
        }

        if (backend == MemoryBackend.RuntimeCache && maxSize != 0)
        {
            throw new ArgumentException($"MaxSize is not supported by Backend = RuntimeCache ({DisplayName}): System.Runtime.Caching trims by memory pressure, not by entry count. Remove MaxSize or use Backend = Fast or MemoryCache.", "maxSize");
        }

        if (backend != MemoryBackend.Fast && policy != EvictionPolicy.Lru)
        {
            throw new ArgumentException($"Policy = {policy} is not supported by Backend = {backend} ({DisplayName}), which evicts least recently used entries only. Use Policy = Lru or Backend = Fast.", "policy");
        }

        if (IsPersistent && (methodIdentity is null || ilHash is null))
        {
            throw new ArgumentException($"[{Kind}] {DisplayName} needs MethodIdentity and IlHash: they name its entries on disk and tell its builds apart.", methodIdentity is null ? "methodIdentity" : "ilHash");
        }

        inUse = true;
    }

    /// <summary><see cref="SkipWhen"/> as the predicate a site of results of type <typeparamref name="TValue"/> calls; null when unset.</summary>
    /// <exception cref="ArgumentException"><see cref="SkipWhen"/> is not a predicate on <typeparamref name="TValue"/>; the message names both types.</exception>
    internal Func<TValue, bool>? SkipWhenOf<TValue>() =>
        skipWhen switch
        {
            null => null,
            // A type test, not reflection: a Func<object, bool> passes for a reference type by the delegate's variance.
            Func<TValue, bool> predicate => predicate,
            _ => throw new ArgumentException(
                $"SkipWhen of {DisplayName} must be a Func<{TypeNames.Readable(typeof(TValue))}, bool> (a predicate on the method's result), not a {TypeNames.Readable(skipWhen.GetType())}.",
                "skipWhen"),
        };

    void ThrowIfInUse(string setting)
    {
        if (inUse)
        {
            throw new InvalidOperationException($"{setting} of {DisplayName} cannot change: its cached method has been created with this descriptor.");
        }
    }

    string RequireText(string? value, string parameter, string setting) =>
        string.IsNullOrEmpty(value) ? throw new ArgumentException($"{setting} of {DisplayName} must not be null or empty.", parameter) : value;

    /// <summary>"Lru, Lfu, Fifo or Rr": the names of an enum's values, for messages.</summary>
    static string Names<TEnum>()
        where TEnum : struct, Enum
    {
        var names = Enum.GetNames<TEnum>();
        return string.Join(", ", names[..^1]) + " or " + names[^1];
    }
}
