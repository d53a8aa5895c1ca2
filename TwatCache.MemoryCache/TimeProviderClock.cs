using System;
using Microsoft.Extensions.Internal;

namespace TwatCache.Engines.Memory;

/// <summary>
/// Lets <c>Microsoft.Extensions.Caching.Memory</c>, which still takes the older
/// <see cref="ISystemClock"/>, measure expiry with the configured <see cref="TimeProvider"/>.
/// </summary>
internal sealed class TimeProviderClock(TimeProvider time) : ISystemClock
{
    public DateTimeOffset UtcNow => time.GetUtcNow();
}
