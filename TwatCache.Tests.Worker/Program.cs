using System;
using System.Globalization;
using TwatCache;

// Usage: TwatCache.Tests.Worker <BCache|FCache> <worker id> <operations> <keys> <value length>
//        TwatCache.Tests.Worker Redis ...   (RedisWorker: the shared tier's modes)
// The cache root comes from TWATCACHE_DIR, as in a user's process, and the calls go through methods
// woven by the in-solution weaver (as a user's would). Every result is "w<worker>-k<key>-n<operation>|"
// followed by <value length> copies of one letter, so a reader can tell a whole value from a torn or
// mixed one. Prints one line per call:
//   W <key> <id>          this process ran the body and stored the value
//   R <key> <id> ok|BAD   this process read a stored value, whole (ok) or not (BAD)
// Entries live 50 ms, so keys keep expiring and being rewritten while others read them.
if (args[0] == "Redis")
{
    RedisWorker.Run(args[1..]);
    return;
}

var attribute = args[0];
var worker = int.Parse(args[1], CultureInfo.InvariantCulture);
var operations = int.Parse(args[2], CultureInfo.InvariantCulture);
var keys = int.Parse(args[3], CultureInfo.InvariantCulture);
var length = int.Parse(args[4], CultureInfo.InvariantCulture);

var random = new Random(worker);
for (var operation = 0; operation < operations; operation++)
{
    var key = random.Next(keys);
    Hammer.Ran = false;
    var value = attribute == "BCache"
        ? Hammer.Database(key, worker, operation, length)
        : Hammer.Files(key, worker, operation, length);
    var id = value[..value.IndexOf('|', StringComparison.Ordinal)];
    Console.WriteLine(Hammer.Ran ? $"W {key} {id}" : $"R {key} {id} {(Hammer.IsWhole(value, key, length) ? "ok" : "BAD")}");
}

/// <summary>The cached methods the workers hammer (keyed by <c>key</c> alone), and the check of what they read.</summary>
static class Hammer
{
    /// <summary>Set by a body when it runs: the call was a miss. (One thread per worker.)</summary>
    public static bool Ran;

    [BCache(Folder = "multi-process", Ttl = 0.05)]
    public static string Database(int key, [NoKey] int worker, [NoKey] int operation, [NoKey] int length) => Make(worker, key, operation, length);

    [FCache(Folder = "multi-process", Ttl = 0.05, Compress = true)]
    public static string Files(int key, [NoKey] int worker, [NoKey] int operation, [NoKey] int length) => Make(worker, key, operation, length);

    public static bool IsWhole(string value, int key, int length)
    {
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        var body = value[(bar + 1)..];
        return value.Contains($"-k{key}-", StringComparison.Ordinal) && body.Length == length && body.Replace(body[0].ToString(), "", StringComparison.Ordinal).Length == 0;
    }

    static string Make(int worker, int key, int operation, int length)
    {
        Ran = true;
        return $"w{worker}-k{key}-n{operation}|" + new string((char)('a' + ((worker * 7) + operation) % 26), length);
    }
}
