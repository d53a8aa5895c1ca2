using System.Collections.Generic;
using Mono.Cecil;

namespace TwatCache.Fody.Support;

/// <summary>
/// Rewrites a type as seen from the cached method (<c>!0</c> of its declaring type, <c>!!0</c> of the
/// method) into the same type as seen from the holder class, which redeclares the declaring type's
/// generic parameters first and the method's after them.
/// </summary>
sealed class GenericMap
{
    readonly IList<GenericParameter> holderParameters;
    readonly int typeParameterCount;

    public GenericMap(IList<GenericParameter> holderParameters, int typeParameterCount)
    {
        this.holderParameters = holderParameters;
        this.typeParameterCount = typeParameterCount;
    }

    public TypeReference Map(TypeReference type)
    {
        switch (type)
        {
            case GenericParameter parameter:
                var offset = parameter.Type == GenericParameterType.Type ? 0 : typeParameterCount;
                return holderParameters[offset + parameter.Position];
            case ArrayType array:
                return array.IsVector ? new ArrayType(Map(array.ElementType)) : new ArrayType(Map(array.ElementType), array.Rank);
            case ByReferenceType byReference:
                return new ByReferenceType(Map(byReference.ElementType));
            case RequiredModifierType required:
                return new RequiredModifierType(required.ModifierType, Map(required.ElementType));
            case OptionalModifierType optional:
                return new OptionalModifierType(optional.ModifierType, Map(optional.ElementType));
            case GenericInstanceType instance:
                var mapped = new GenericInstanceType(instance.ElementType);
                foreach (var argument in instance.GenericArguments)
                {
                    mapped.GenericArguments.Add(Map(argument));
                }

                return mapped;
            default:
                return type;
        }
    }
}
