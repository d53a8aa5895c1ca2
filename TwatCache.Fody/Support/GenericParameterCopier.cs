using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;

namespace TwatCache.Fody.Support;

/// <summary>
/// Redeclares generic parameters on a generated type or method: name, flags, constraints (through a
/// type map) and attributes — the nullability attributes among them, without which an unconstrained
/// <c>T</c> would read as <c>T : notnull</c> to the compiler and to decompilers.
/// </summary>
static class GenericParameterCopier
{
    public static void Copy(IList<GenericParameter> from, IGenericParameterProvider owner, System.Func<TypeReference, TypeReference> mapConstraint, GenericParameterAttributes removed = 0)
    {
        var copies = from.Select(p => new GenericParameter(p.Name, owner) { Attributes = p.Attributes & ~removed }).ToList();
        foreach (var copy in copies)
        {
            owner.GenericParameters.Add(copy);
        }

        foreach (var (source, copy) in from.Zip(copies, (s, c) => (s, c)))
        {
            foreach (var constraint in source.Constraints)
            {
                var mapped = new GenericParameterConstraint(mapConstraint(constraint.ConstraintType));
                foreach (var attribute in constraint.CustomAttributes)
                {
                    mapped.CustomAttributes.Add(new CustomAttribute(attribute.Constructor, attribute.GetBlob()));
                }

                copy.Constraints.Add(mapped);
            }

            foreach (var attribute in source.CustomAttributes)
            {
                copy.CustomAttributes.Add(new CustomAttribute(attribute.Constructor, attribute.GetBlob()));
            }
        }
    }
}
