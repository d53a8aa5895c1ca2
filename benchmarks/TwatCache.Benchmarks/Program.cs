using System;
using System.Globalization;
using BenchmarkDotNet.Running;
using TwatCache.Benchmarks;

// Pick benchmarks on the command line, e.g. `-- --filter '*'` or `-- --filter '*OneInt*'`;
// `-- interleaved BoundedHit 200` runs one class's benchmarks interleaved instead (see Interleaved).
if (args is ["interleaved", var className, ..])
{
    Interleaved.Run(className, args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
