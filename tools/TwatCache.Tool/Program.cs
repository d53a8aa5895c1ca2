using System.CommandLine;
using TwatCache.Tool.Cli;

// twat-cache: the persistent caches of TwatCache ([BCache] SQLite databases, [FCache] entry folders) from
// the command line. Exit codes: 0 done, 1 wrong command line, 2 nothing found or the store failed.
var common = new CommonOptions();
var root = new RootCommand("Show and trim the persistent caches that TwatCache's [BCache] and [FCache] methods write.");
common.AddTo(root);
root.Subcommands.Add(PathCommand.Create(common));
root.Subcommands.Add(ListCommand.Create(common));
root.Subcommands.Add(StatsCommand.Create(common));
root.Subcommands.Add(ClearCommand.Create(common));
root.Subcommands.Add(PruneCommand.Create(common));
return root.Parse(args).Invoke();
