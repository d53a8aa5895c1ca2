using System;
using System.Linq;
using System.Reflection;

namespace TwatCache.Tests.Infrastructure;

/// <summary>One woven type: call its static methods, read and reset its static <c>Runs</c> counter, create instances.</summary>
public sealed class WovenType
{
    public WovenType(string name, params Type[] typeArguments)
    {
        var type = WovenAssembly.Fixtures.Type("AssemblyToProcess." + name);
        Type = typeArguments.Length > 0 ? type.MakeGenericType(typeArguments) : type;
    }

    public Type Type { get; }

    /// <summary>Runs of original bodies, counted by the fixture itself.</summary>
    public int Runs
    {
        get => (int)Type.GetField("Runs")!.GetValue(null)!;
        set => Type.GetField("Runs")!.SetValue(null, value);
    }

    public object? Call(string method, params object?[] arguments) => Invoke(null, method, Type.EmptyTypes, arguments);

    public object? CallGeneric(string method, Type[] typeArguments, params object?[] arguments) => Invoke(null, method, typeArguments, arguments);

    public dynamic New(params object?[] arguments) => Activator.CreateInstance(Type, arguments)!;

    /// <summary>A static field of the holder the weaver added beside <paramref name="method"/> (<c>Site</c>, <c>Method</c>).</summary>
    public object Holder(string method, string field) =>
        Type.GetNestedType($"<{method}>TwatCache", BindingFlags.NonPublic)!.GetField(field)!.GetValue(null)!;

    public object? Invoke(object? target, string method, Type[] typeArguments, params object?[] arguments)
    {
        var flags = BindingFlags.Public | (target is null ? BindingFlags.Static : BindingFlags.Instance);
        var candidates = Type.GetMethods(flags).Where(m => m.Name == method && m.GetParameters().Length == arguments.Length).ToList();
        var chosen = candidates.Count == 1
            ? candidates[0]
            : candidates.Single(m => m.GetParameters().Zip(arguments, (p, a) => a is null || p.ParameterType.IsInstanceOfType(a) || p.ParameterType.IsGenericParameter).All(x => x));
        if (typeArguments.Length > 0)
        {
            chosen = chosen.MakeGenericMethod(typeArguments);
        }

        return WovenAssembly.Invoke(chosen, target, arguments);
    }
}
