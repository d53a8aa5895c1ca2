using System;
using System.IO;
using Microsoft.Extensions.Logging;

namespace TwatCache;

/// <summary>
/// Process-wide settings, set through <see cref="Cache.Configure"/>. They apply to cached methods
/// first called after the change (an engine is chosen once per method, at its first call).
/// Every setter validates and names the setting it rejects. <see cref="Disabled"/> is the exception to
/// "first called": it switches every call.
/// </summary>
public sealed class CacheOptions
{
    TimeProvider timeProvider = TimeProvider.System;
    string? cacheDirectory;
    byte[]? encryptionKey;
    TimeSpan lockTimeout = DefaultLockTimeout;

    /// <summary>The default of <see cref="LockTimeout"/>: 30 seconds.</summary>
    public static readonly TimeSpan DefaultLockTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Where TwatCache logs (category <c>TwatCache</c>): each method's engine (Debug), fallbacks and store problems.
    /// Unset: <see cref="System.Diagnostics.Trace"/> (Information and above).
    /// </summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The clock that <c>Ttl</c> is measured with. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider
    {
        get => timeProvider;
        set => timeProvider = value ?? throw new ArgumentNullException(nameof(TimeProvider), "CacheOptions.TimeProvider cannot be null; use TimeProvider.System.");
    }

    /// <summary>
    /// Root folder of the persistent caches. Unset: the <c>TWATCACHE_DIR</c> environment variable,
    /// else the user's cache directory. Must be an absolute path.
    /// </summary>
    public string? CacheDirectory
    {
        get => cacheDirectory;
        set
        {
            if (value is not null && !Path.IsPathFullyQualified(value))
            {
                throw new ArgumentException($"CacheOptions.CacheDirectory must be an absolute path, not '{value}'.", nameof(CacheDirectory));
            }

            cacheDirectory = value;
        }
    }

    /// <summary>
    /// AES-GCM key (16, 24 or 32 bytes) that encrypts persistent entries at rest. Unset: the
    /// <c>TWATCACHE_KEY</c> environment variable (base64), else no encryption. The options hold a copy: the caller
    /// may wipe its array after setting it, and wiping or changing the array the getter returns changes nothing.
    /// </summary>
    public byte[]? EncryptionKey
    {
        get => encryptionKey is null ? null : (byte[])encryptionKey.Clone();
        set
        {
            if (value is not null && value.Length is not (16 or 24 or 32))
            {
                throw new ArgumentException($"CacheOptions.EncryptionKey must be 16, 24 or 32 bytes long, not {value.Length}.", nameof(EncryptionKey));
            }

            // Copied, not kept: entries sealed later must use the key as it was set, not whatever the array holds then.
            encryptionKey = value is null ? null : (byte[])value.Clone();
        }
    }

    /// <summary>
    /// How long a caller waits for another caller's run of the same key (the single flight) before it runs
    /// the method's body itself, as FusionCache's <c>LockTimeout</c> does. A run that hangs (it waits for a
    /// lock the waiting caller holds, say) then costs the others this long, never forever; the result is
    /// still correct, computed twice. Default <see cref="DefaultLockTimeout"/> (30 seconds), measured with
    /// <see cref="TimeProvider"/>. Must be positive and finite (at most <see cref="int.MaxValue"/> milliseconds).
    /// </summary>
    public TimeSpan LockTimeout
    {
        get => lockTimeout;
        set
        {
            if (value <= TimeSpan.Zero || value.TotalMilliseconds > int.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(LockTimeout), value,
                    $"CacheOptions.LockTimeout must be positive and at most {int.MaxValue} ms (a wait for another caller's run must end), not {value}.");
            }

            lockTimeout = value;
        }
    }

    /// <summary>
    /// Turns caching off for the whole process (<c>true</c>): every cached method runs its body every time,
    /// nothing is read or stored, and the calls count neither as hits nor as misses. <c>false</c> keeps it on
    /// whatever the environment says. Unset (null): the <c>TWATCACHE_DISABLE</c> environment variable
    /// (<c>1</c> or <c>true</c>: off; <c>0</c>, <c>false</c> or unset: on; anything else fails the cached call
    /// with an exception naming the variable). Unlike the other options it applies to every cached call from
    /// the next one on, not only to methods first called afterwards.
    /// </summary>
    public bool? Disabled { get; set; }

    internal CacheOptions Clone() => (CacheOptions)MemberwiseClone();
}
