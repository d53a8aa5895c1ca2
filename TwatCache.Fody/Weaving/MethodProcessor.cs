using Mono.Cecil;
using Mono.Cecil.Rocks;

namespace TwatCache.Fody.Weaving;

/// <summary>Weaves one validated method: move the body, add the holder (and the instance field), write the stub.</summary>
static class MethodProcessor
{
    public static void Process(WovenReferences references, WovenMethod woven)
    {
        var body = BodyMover.Move(woven.Method, references);
        var holder = new HolderBuilder(references, woven, body);
        holder.Build();
        var instanceField = woven.UsesInstanceField ? AddInstanceField(references, woven) : null;
        StubWriter.Write(references, woven, holder, instanceField);
    }

    /// <summary>
    /// <c>[NonSerialized] private CacheSite&lt;TKey, TValue&gt; &lt;Name&gt;k__TwatCacheSite;</c> — the instance's
    /// own entries, so they die with it and never keep it alive.
    /// </summary>
    static FieldDefinition AddInstanceField(WovenReferences references, WovenMethod woven)
    {
        var type = woven.Api.SiteType.MakeGenericInstanceType(woven.Key.Type, woven.Value);
        var field = new FieldDefinition("<" + woven.Stem + ">k__TwatCacheSite", FieldAttributes.Private | FieldAttributes.NotSerialized, type);
        field.CustomAttributes.Add(references.CompilerGenerated());
        woven.Method.DeclaringType.Fields.Add(field);
        return field;
    }
}
