using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using TwatCache;

namespace TwatCache.Demo;

/// <summary>
/// An instance method with two arguments: key stretching (PBKDF2), expensive by design. Each hasher
/// has its own salt, and its own cache: entries live with the instance and die with it.
/// </summary>
public sealed class PasswordHasher(string salt)
{
    static int bodyRuns;

    readonly byte[] saltBytes = Encoding.UTF8.GetBytes(salt);

    /// <summary>How often the body really ran, over all instances.</summary>
    public static int BodyRuns => Volatile.Read(ref bodyRuns);

    [MCache]
    public string Hash(string password, int iterations)
    {
        Interlocked.Increment(ref bodyRuns);
        var key = Rfc2898DeriveBytes.Pbkdf2(password, saltBytes, iterations, HashAlgorithmName.SHA256, 32);
        return Convert.ToHexString(key);
    }
}
