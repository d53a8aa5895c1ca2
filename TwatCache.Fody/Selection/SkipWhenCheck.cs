using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using TwatCache.Fody.Support;
using TwatCache.Fody.Weaving;

namespace TwatCache.Fody.Selection;

/// <summary>
/// The attribute's <c>SkipWhen</c>: the name of a static, non-generic method of the declaring type, declared once,
/// returning bool and taking one parameter that the result (for async methods the awaited result) converts to by
/// identity or by reference conversion, so the holder can bind <c>new Func&lt;TResult, bool&gt;(Predicate)</c> directly.
/// On a class the attribute's SkipWhen applies to each method it selects, and a method whose result does not fit is
/// an error like on the method itself: a predicate named on purpose must not be dropped silently.
/// </summary>
static class SkipWhenCheck
{
    static readonly HashSet<string> ArrayInterfaces =
    [
        "System.Collections.Generic.IEnumerable`1", "System.Collections.Generic.ICollection`1", "System.Collections.Generic.IList`1",
        "System.Collections.Generic.IReadOnlyCollection`1", "System.Collections.Generic.IReadOnlyList`1",
    ];

    /// <summary>Why the request's SkipWhen cannot be used, or null (also when it has none).</summary>
    public static string? Validate(CacheRequest request)
    {
        if (request.Settings.SkipWhen is not { } name)
        {
            return null;
        }

        var method = request.Method;
        var attribute = request.AttributeName;
        var result = ResultType(method);
        var named = method.DeclaringType.Methods.Where(m => m.Name == name).ToList();
        if (named.Count == 0)
        {
            return Messages.SkipWhenNotFound(attribute, method, name, result);
        }

        if (named.Count > 1)
        {
            return Messages.SkipWhenOverloaded(attribute, method, name, result, named.Count);
        }

        var predicate = named[0];
        if (!predicate.IsStatic)
        {
            return Messages.SkipWhenNotStatic(attribute, method, name, result);
        }

        if (predicate.HasGenericParameters)
        {
            return Messages.SkipWhenGeneric(attribute, method, name, result);
        }

        var fits = predicate.ReturnType.MetadataType == MetadataType.Boolean
            && predicate.Parameters.Count == 1
            && !predicate.Parameters[0].ParameterType.IsByReference
            && ConvertsTo(result, predicate.Parameters[0].ParameterType);
        return fits ? null : Messages.SkipWhenWrongSignature(attribute, method, predicate, result);
    }

    /// <summary>The predicate a valid request names (call after <see cref="Validate"/> passed); null when it names none.</summary>
    public static MethodDefinition? Predicate(CacheRequest request) =>
        request.Settings.SkipWhen is { } name ? request.Method.DeclaringType.Methods.Single(m => m.Name == name) : null;

    /// <summary>What the predicate is called with: the result, or the awaited result of <c>Task&lt;T&gt;</c>/<c>ValueTask&lt;T&gt;</c>.</summary>
    static TypeReference ResultType(MethodDefinition method) =>
        MethodKinds.Of(method.ReturnType) == MethodKind.Sync ? method.ReturnType : ((GenericInstanceType)method.ReturnType).GenericArguments[0];

    /// <summary>
    /// An identity or reference conversion from <paramref name="from"/> to <paramref name="to"/>: the same type, or for a
    /// reference type object, a base class or an implemented interface (generic arguments substituted). No boxing, no
    /// variance (<c>IEnumerable&lt;string&gt;</c> to <c>IEnumerable&lt;object&gt;</c>): the delegate binds the method as it is.
    /// </summary>
    static bool ConvertsTo(TypeReference from, TypeReference to)
    {
        if (Same(from, to))
        {
            return true;
        }

        // A type parameter may be a value type (boxing, not a reference conversion): only the identity fits it.
        if (from is GenericParameter || from.IsValueType)
        {
            return false;
        }

        if (to.MetadataType == MetadataType.Object)
        {
            return true;
        }

        if (from is ArrayType array)
        {
            return to.FullName is "System.Array" or "System.Collections.IEnumerable" or "System.Collections.ICollection" or "System.Collections.IList"
                || (array.IsVector && to is GenericInstanceType instance && ArrayInterfaces.Contains(instance.ElementType.FullName)
                    && Same(instance.GenericArguments[0], array.ElementType));
        }

        return Supertypes(from).Any(t => Same(t, to));
    }

    /// <summary>Every base class and interface of <paramref name="type"/>, with its generic arguments put in.</summary>
    static IEnumerable<TypeReference> Supertypes(TypeReference type)
    {
        var definition = type.TryResolve();
        if (definition is null)
        {
            yield break;
        }

        var direct = definition.Interfaces.Select(i => i.InterfaceType).ToList();
        if (definition.BaseType is { } baseType)
        {
            direct.Add(baseType);
        }

        foreach (var super in direct.Select(d => Substitute(d, type)))
        {
            yield return super;
            foreach (var further in Supertypes(super))
            {
                yield return further;
            }
        }
    }

    /// <summary><paramref name="type"/>, declared inside <paramref name="owner"/>'s definition, with the owner's type arguments in place of its parameters.</summary>
    static TypeReference Substitute(TypeReference type, TypeReference owner)
    {
        if (owner is not GenericInstanceType closed)
        {
            return type;
        }

        switch (type)
        {
            case GenericParameter { Type: GenericParameterType.Type } parameter:
                return closed.GenericArguments[parameter.Position];
            case ArrayType array:
                return array.IsVector ? new ArrayType(Substitute(array.ElementType, owner)) : new ArrayType(Substitute(array.ElementType, owner), array.Rank);
            case GenericInstanceType instance:
                var substituted = new GenericInstanceType(instance.ElementType);
                foreach (var argument in instance.GenericArguments)
                {
                    substituted.GenericArguments.Add(Substitute(argument, owner));
                }

                return substituted;
            default:
                return type;
        }
    }

    // Names, not references: the method's types and the predicate's may be imported separately.
    static bool Same(TypeReference a, TypeReference b) => Strip(a).FullName == Strip(b).FullName;

    // A nullable annotation compiles to an attribute, not a modifier; modifiers (modreq/modopt) do not change the type.
    static TypeReference Strip(TypeReference type) => type is IModifierType modified ? Strip(modified.ElementType) : type;
}
