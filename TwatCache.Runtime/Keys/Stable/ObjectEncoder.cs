using System.Diagnostics.CodeAnalysis;
using TwatCache.Serialization;

namespace TwatCache.Keys.Stable;

/// <summary>
/// An argument declared as <c>object</c>, an interface or a non-sealed class: the value's runtime type
/// decides the encoding, and its stable name is written first, so <c>(object)1</c> and <c>(object)1L</c>
/// differ and a derived instance is never encoded as its base (which would drop fields and risk a wrong hit).
/// </summary>
[RequiresUnreferencedCode(PersistentReflection.Unreferenced)]
[RequiresDynamicCode(PersistentReflection.Dynamic)]
internal sealed class ObjectEncoder<T> : ReferenceEncoder<T>
    where T : class?
{
    protected override void WriteValue(CanonicalWriter writer, T value)
    {
        var type = value!.GetType();
        writer.WriteString(StableTypeName.Of(type));
        if (type == typeof(T))
        {
            // A non-sealed class used as itself: encoding it by runtime type again would recurse.
            JsonEncoder<T>.WriteJson(writer, value);
            return;
        }

        For(type).WriteBoxed(writer, value);
    }
}
