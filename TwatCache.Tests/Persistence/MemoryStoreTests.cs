using TwatCache.Engines.Persistent;
using TwatCache.Keys.Stable;

namespace TwatCache.Tests.Persistence;

public class MemoryStoreTests : StoreContract
{
    private protected override IPersistentStore Open(KeyHash method, int maxSize = 0) => new MemoryStore(maxSize, Counters);
}
