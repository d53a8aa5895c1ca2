using System;
using System.Globalization;
using TwatCache.Weaving;

// Usage: TwatCache.Tests.Worker <BCache|FCache> <worker id> <operations> <keys> <value length>
// The cache root comes from TWATCACHE_DIR, as in a user's process. Every result is
// "w<worker>-k<key>-n<operation>|" followed by <value length> copies of one letter, so a reader can
// tell a whole value from a torn or mixed one. Prints one line per call:
//   W <key> <id>          this process ran the body and stored the value
//   R <key> <id> ok|BAD   this process read a stored value, whole (ok) or not (BAD)
// Entries live 50 ms, so keys keep expiring and being rewritten while others read them.
var attribute = args[0];
var worker = int.Parse(args[1], CultureInfo.InvariantCulture);
var operations = int.Parse(args[2], CultureInfo.InvariantCulture);
var keys = int.Parse(args[3], CultureInfo.InvariantCulture);
var length = int.Parse(args[4], CultureInfo.InvariantCulture);

var method = new PersistentCachedMethod<ValueTuple<int>, string>(
    typeof(Hammer), "Compute", "Compute(int)", attribute, "TwatCache.Tests.Worker.Hammer::Compute(System.Int32)",
    "il", "", "multi-process", maxSize: 0, ttlSeconds: 0.05, compress: attribute == "FCache");
var random = new Random(worker);
for (var operation = 0; operation < operations; operation++)
{
    var key = random.Next(keys);
    var ran = false;
    var value = method.Site.GetOrAdd(ValueTuple.Create(key), operation, n =>
    {
        ran = true;
        return Hammer.Make(worker, key, n, length);
    });
    var id = value[..value.IndexOf('|', StringComparison.Ordinal)];
    Console.WriteLine(ran ? $"W {key} {id}" : $"R {key} {id} {(Hammer.IsWhole(value, key, length) ? "ok" : "BAD")}");
}

/// <summary>Makes and checks the values the workers write.</summary>
static class Hammer
{
    public static string Make(int worker, int key, int operation, int length) =>
        $"w{worker}-k{key}-n{operation}|" + new string((char)('a' + ((worker * 7) + operation) % 26), length);

    public static bool IsWhole(string value, int key, int length)
    {
        var bar = value.IndexOf('|', StringComparison.Ordinal);
        var body = value[(bar + 1)..];
        return value.Contains($"-k{key}-", StringComparison.Ordinal) && body.Length == length && body.Replace(body[0].ToString(), "", StringComparison.Ordinal).Length == 0;
    }
}
