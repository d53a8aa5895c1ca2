using TwatCache.Keys.Stable;

namespace TwatCache.Engines.Fronts;

/// <summary>What a memory front does when its method's shared entries changed elsewhere (see <see cref="IFrontCoherence"/>).</summary>
internal interface IFrontTarget
{
    /// <summary>Drops the front's copy of one entry, named by its key hash (what another process knows of the key).</summary>
    void Drop(KeyHash key);

    /// <summary>Drops every entry of the front (the method was cleared, or changes may have been missed).</summary>
    void DropAll();
}
