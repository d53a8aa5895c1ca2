using TwatCache.Persistence.Engines;
using TwatCache.Persistence.Keys;

namespace TwatCache.Tests.Persistence;

public class MemoryStoreTests : StoreContract
{
    private protected override IPersistentStore Open(KeyHash method, int maxSize = 0) => new MemoryStore(maxSize);
}
