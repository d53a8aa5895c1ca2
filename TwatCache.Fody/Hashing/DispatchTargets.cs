using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using TwatCache.Fody.Support;

namespace TwatCache.Fody.Hashing;

/// <summary>
/// What else may run when reached code names a method or a static field, within this module: every
/// implementation of an interface method and every override of a virtual one (a call through the
/// interface or base class runs whichever the object is), the virtual methods of objects it creates
/// (other assemblies' code calls them back), and the static constructor of a type whose static field
/// is used (field initializers live there). Errs towards more code: a method of the same
/// name and arity on a type deriving from the declaring type counts, so no real target is missed;
/// the price is a miss after an edit that could not have changed the result.
/// </summary>
sealed class DispatchTargets
{
    readonly ModuleDefinition module;
    readonly Dictionary<TypeDefinition, HashSet<string>> ancestors = new();
    readonly Dictionary<string, List<MethodDefinition>> implementations = new();
    List<TypeDefinition>? types;

    public DispatchTargets(ModuleDefinition module) => this.module = module;

    /// <summary>The module's methods a call to <paramref name="reference"/> may dispatch to, by full name (stable order).</summary>
    public IReadOnlyList<MethodDefinition> Implementations(MethodReference reference)
    {
        // Once per target: every persistent method of the module shares this answer.
        var element = reference.GetElementMethod();
        if (!implementations.TryGetValue(element.FullName, out var found))
        {
            found = Find(element);
            implementations[element.FullName] = found;
        }

        return found;
    }

    List<MethodDefinition> Find(MethodReference element)
    {
        var definition = element.TryResolve();
        if (definition is not null && !definition.IsVirtual && !definition.IsAbstract)
        {
            // Not dispatched: only the named method runs, and the caller already follows it.
            return new List<MethodDefinition>();
        }

        var declaring = element.DeclaringType.GetElementType().FullName;
        var found = new List<MethodDefinition>();
        foreach (var type in Types())
        {
            if (!Ancestors(type).Contains(declaring))
            {
                continue;
            }

            foreach (var method in type.Methods)
            {
                if (Implements(method, element, declaring))
                {
                    found.Add(method);
                }
            }
        }

        return found.OrderBy(m => m.FullName, System.StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The virtual methods of a type whose instance constructor reached code runs: once the object
    /// exists, other assemblies' code may call them (List.Sort calls a comparer's Compare, string
    /// formatting calls ToString) with no call in this module naming them. Base types' virtual
    /// methods follow through the base constructor, which this one calls.
    /// </summary>
    public IEnumerable<MethodDefinition> Callbacks(MethodDefinition constructor) =>
        constructor.IsConstructor && !constructor.IsStatic
            ? constructor.DeclaringType.Methods.Where(m => m.IsVirtual).OrderBy(m => m.FullName, System.StringComparer.Ordinal)
            : [];

    /// <summary>The static constructor that runs before a static field of this module is first used; null if none.</summary>
    public MethodDefinition? StaticConstructor(FieldReference field)
    {
        var declaring = field.DeclaringType.GetElementType();
        if (declaring.Scope != module || declaring is GenericParameter)
        {
            return null;
        }

        return declaring.Resolve()?.Methods.FirstOrDefault(m => m.IsConstructor && m.IsStatic);
    }

    static bool Implements(MethodDefinition method, MethodReference target, string declaring)
    {
        if (method.Parameters.Count != target.Parameters.Count || method.HasThis != target.HasThis)
        {
            return false;
        }

        // Explicit implementations (`int IPricing.Price(int n)`) are named by their MethodImpl.
        if (method.Overrides.Any(o => o.Name == target.Name && o.DeclaringType.GetElementType().FullName == declaring))
        {
            return true;
        }

        // Implementations of static abstract interface members are static and not virtual.
        return method.Name == target.Name && (method.IsVirtual || !method.HasThis);
    }

    List<TypeDefinition> Types() =>
        types ??= module.GetTypes().OrderBy(t => t.FullName, System.StringComparer.Ordinal).ToList();

    /// <summary>Names of the type, its base types and every interface it implements, directly or inherited.</summary>
    HashSet<string> Ancestors(TypeDefinition type)
    {
        if (ancestors.TryGetValue(type, out var known))
        {
            return known;
        }

        var names = new HashSet<string>();
        ancestors[type] = names;
        var pending = new Stack<TypeReference>();
        pending.Push(type);
        while (pending.Count > 0)
        {
            var next = pending.Pop().GetElementType();
            if (!names.Add(next.FullName))
            {
                continue;
            }

            // A base type of another assembly that cannot be resolved ends the walk there: its own
            // ancestors are that assembly's, which an implementation here still names directly.
            if (next.TryResolve() is { } resolved)
            {
                if (resolved.BaseType is { } baseType)
                {
                    pending.Push(baseType);
                }

                foreach (var implemented in resolved.Interfaces)
                {
                    pending.Push(implemented.InterfaceType);
                }
            }
        }

        return names;
    }
}
