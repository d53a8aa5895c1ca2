using BenchmarkDotNet.Running;

// Pick benchmarks on the command line, e.g. `-- --filter '*'` or `-- --filter '*OneInt*'`.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
