using System.Runtime.CompilerServices;
using TwatCache.Engines.Memory;
using TwatCache.Engines.Sqlite;

namespace TwatCache.Tests.Infrastructure;

/// <summary>
/// The unit tests drive sites and stores directly, without a woven module whose initializer would register the
/// engine packages: this does what that initializer does, once, before any test runs.
/// </summary>
static class EngineRegistration
{
    [ModuleInitializer]
    internal static void RegisterEnginePackages()
    {
        SqliteEngine.Register();
        MemoryCacheEngine.Register();
    }
}
