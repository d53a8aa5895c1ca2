using System.Collections.Generic;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace TwatCache.Fody.Purity;

/// <summary>One read a cached body's result may depend on although its key does not.</summary>
sealed class NondeterministicRead
{
    public NondeterministicRead(ReadKind kind, string what, MethodDefinition method, IReadOnlyList<MethodDefinition> path, SequencePoint? point)
    {
        Kind = kind;
        What = what;
        Method = method;
        Path = path;
        Point = point;
    }

    /// <summary>What kind of read: one warning per kind and method.</summary>
    public ReadKind Kind { get; }

    /// <summary>The member read, as C# names it, e.g. <c>DateTime.Now</c>.</summary>
    public string What { get; }

    /// <summary>The method holding the read (a state machine's or lambda's code counts as its method's).</summary>
    public MethodDefinition Method { get; }

    /// <summary>The calls from the cached method to <see cref="Method"/>; empty when the body reads it itself.</summary>
    public IReadOnlyList<MethodDefinition> Path { get; }

    /// <summary>The read's source line, or null when the method has no debug information.</summary>
    public SequencePoint? Point { get; }
}
