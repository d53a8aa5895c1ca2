using System;

namespace TwatCache;

/// <summary>Exempts a method (or a property) from the cache attribute on its class.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Property, Inherited = false)]
public sealed class NoCacheAttribute : Attribute
{
}
