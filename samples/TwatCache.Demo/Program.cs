using System;
using System.Globalization;
using System.Text;
using TwatCache;
using TwatCache.Demo;

// Every method called here is an ordinary method marked [MCache] or [UCache]. Fody rewrote them when this
// program was built; the calls below are plain calls. Each row says whether the body ran.
Console.OutputEncoding = Encoding.UTF8;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
Console.WriteLine("TwatCache demo: methods marked [MCache] and [UCache] were rewritten at build time; their callers were not.");

// The recursive case comes first: it also proves the build was woven. Unwoven, Fib(90) would
// take centuries, so stop with an explanation instead.
Report.Section("1. A recursive method: Fibonacci.Fib(n)", "written as plain recursion; woven, every Fib(k) is computed once");
var ran = Report.Call("Fib(25)", () => Fibonacci.Fib(25), () => Fibonacci.BodyRuns);
if (ran > 26)
{
    Console.WriteLine();
    Console.WriteLine("Fib(25) ran its body more than 26 times: this build was not woven by TwatCache.");
    Console.WriteLine("Look for Fody's messages in the build output (`dotnet build samples/TwatCache.Demo -v n`).");
    return 1;
}

Report.Note($"(plain recursion: {Fibonacci.PlainRecursionCalls(25):N0} times)");
Report.Call("Fib(90)", () => Fibonacci.Fib(90), () => Fibonacci.BodyRuns);
Report.Call("Fib(90) again", () => Fibonacci.Fib(90), () => Fibonacci.BodyRuns);

Report.Section("2. A static method: Primes.CountBelow(limit)", "counts primes by trial division, slow on purpose");
Report.Call("CountBelow(1,000,000)", () => Primes.CountBelow(1_000_000), () => Primes.BodyRuns);
Report.Call("CountBelow(1,000,000) again", () => Primes.CountBelow(1_000_000), () => Primes.BodyRuns);
Report.Repeat("CountBelow(1,000,000) × 1,000,000 more", () => Primes.CountBelow(1_000_000), 1_000_000, () => Primes.BodyRuns);
Report.Call("CountBelow(500,000), a new argument", () => Primes.CountBelow(500_000), () => Primes.BodyRuns);

Report.Section("3. An instance method: PasswordHasher.Hash(password, iterations)", "PBKDF2-SHA256; each instance has its own salt and its own cache");
var alice = new PasswordHasher("alice's salt");
var bob = new PasswordHasher("bob's salt");
static string Short(string hex) => hex[..16] + "…";
Report.Call("alice.Hash(\"hunter2\", 300,000)", () => alice.Hash("hunter2", 300_000), () => PasswordHasher.BodyRuns, Short);
Report.Call("alice.Hash(\"hunter2\", 300,000) again", () => alice.Hash("hunter2", 300_000), () => PasswordHasher.BodyRuns, Short);
Report.Call("bob.Hash(\"hunter2\", 300,000)", () => bob.Hash("hunter2", 300_000), () => PasswordHasher.BodyRuns, Short);

Report.Section("4. [UCache] with a Folder: Distances.Edit(from, to)", "TwatCache chose SQLite, so results outlive the process: run the demo twice");
var edits = Report.Call("Edit(\"kitten\", \"sitting\")", () => Distances.Edit("kitten", "sitting"), () => Distances.BodyRuns);
Report.Note(edits == 0 ? "stored by an earlier run of the demo" : "stored for the next run of the demo");
Report.Call("Edit(\"kitten\", \"sitting\") again", () => Distances.Edit("kitten", "sitting"), () => Distances.BodyRuns);
Report.Note($"in {Cache.GetCachePath(typeof(Distances), nameof(Distances.Edit))}");

Report.Section("5. Invalidation: Inventory.Stock(item)", "a cached read of data that changes; writes drop its stale entry");
Report.Call("Stock(\"apple\")", () => Inventory.Stock("apple"), () => Inventory.BodyRuns);
Report.Call("Stock(\"apple\") again", () => Inventory.Stock("apple"), () => Inventory.BodyRuns);
Inventory.Restock("apple", 2);
Report.Call("Stock(\"apple\") after Restock(\"apple\", 2)", () => Inventory.Stock("apple"), () => Inventory.BodyRuns);
Report.Note("[InvalidateCache(nameof(Stock))] on Restock dropped it");
Report.Call("Stock(\"pear\")", () => Inventory.Stock("pear"), () => Inventory.BodyRuns);
Inventory.Sell("pear");
Report.Call("Stock(\"pear\") after Sell(\"pear\")", () => Inventory.Stock("pear"), () => Inventory.BodyRuns);
Report.Note("stale: Sell is not marked, so the cache kept 5");
Cache.Invalidate(() => Inventory.Stock("pear"));
Report.Call("Stock(\"pear\") after Cache.Invalidate", () => Inventory.Stock("pear"), () => Inventory.BodyRuns);
Report.Note("Cache.Invalidate(() => Inventory.Stock(\"pear\")) dropped it");

Forecasts.Show();

Console.WriteLine();
Console.WriteLine("Cache.FormatStats():");
Console.WriteLine(Cache.FormatStats());

// One run's wall-clock times, in whatever configuration `dotnet run` built: say so.
#if DEBUG
const string configuration = "Debug";
#else
const string configuration = "Release";
#endif
Console.WriteLine($"Times are from one run of a {configuration} build; benchmarks/README.md has BenchmarkDotNet measurements of a hit.");
return 0;
