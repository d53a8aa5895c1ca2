using System;
using System.IO;
using System.Linq;
using ICSharpCode.Decompiler;
using ICSharpCode.Decompiler.CSharp;
using ICSharpCode.Decompiler.CSharp.OutputVisitor;
using ICSharpCode.Decompiler.CSharp.Syntax;
using ICSharpCode.Decompiler.Metadata;
using ICSharpCode.Decompiler.TypeSystem;

namespace TwatCache.Tests.Snapshots;

/// <summary>
/// Turns a woven assembly back into C# for snapshot tests, so a reviewer reads what the weaver
/// emitted. The output shows every member the weaver added (the <c>&lt;M&gt;TwatCache</c> holder
/// types, the <c>M$body</c> methods, their fields) as members of their own, and depends on
/// nothing but the IL: no paths, MVIDs or timestamps, so it is the same on every run and machine.
/// </summary>
public static class WovenCode
{
    /// <summary>The whole type (nested types included) as C#.</summary>
    /// <param name="assemblyPath">The woven assembly.</param>
    /// <param name="typeFullName">Namespace-qualified, nested types after <c>+</c>, generics with a backtick (<c>Ns.Outer+Inner`1</c>).</param>
    public static string Decompile(string assemblyPath, string typeFullName)
    {
        var (decompiler, settings) = CreateDecompiler(assemblyPath);
        var tree = decompiler.DecompileType(new FullTypeName(typeFullName));
        return Print(tree, settings);
    }

    /// <summary>
    /// One method of a type as C#: every overload named <paramref name="methodName"/> and what the
    /// weaver added for it, i.e. members named <c>methodName$…</c> and <c>&lt;methodName&gt;…</c>
    /// (the generated-name convention of the weaver). Shown inside their namespace and class, so the
    /// snapshot reads like the source file it came from. For a property, name an accessor
    /// (<c>get_Value</c>): the whole property is shown.
    /// </summary>
    public static string Decompile(string assemblyPath, string typeFullName, string methodName)
    {
        var (decompiler, settings) = CreateDecompiler(assemblyPath);
        var tree = decompiler.DecompileType(new FullTypeName(typeFullName));

        // The decompiled type is the only top-level type declaration in the tree (nested types
        // are its members).
        var type = tree.Descendants.OfType<TypeDeclaration>().First();
        var others = type.Members.Where(member => !BelongsTo(member, methodName)).ToList();
        if (others.Count == type.Members.Count)
        {
            throw new ArgumentException($"{typeFullName} has no member named {methodName}.", nameof(methodName));
        }

        foreach (var member in others)
        {
            member.Remove();
        }

        return Print(tree, settings);
    }

    static bool BelongsTo(EntityDeclaration member, string methodName)
    {
        // A property is printed as one declaration; its accessors (get_X, set_X) are what is woven.
        if (member.GetSymbol() is IProperty property
            && (property.Getter?.Name == methodName || property.Setter?.Name == methodName))
        {
            return true;
        }

        var name = member.GetSymbol() is ISymbol symbol ? symbol.Name : member.Name;
        return name == methodName
            || name.StartsWith(methodName + "$", StringComparison.Ordinal)
            || name.StartsWith("<" + methodName + ">", StringComparison.Ordinal);
    }

    static (CSharpDecompiler Decompiler, DecompilerSettings Settings) CreateDecompiler(string assemblyPath)
    {
        var settings = new DecompilerSettings(LanguageVersion.Latest)
        {
            // With this on, a compiler-generated method with an unspeakable name that a delegate
            // points to is folded into a lambda at the use and disappears as a member: exactly
            // what the weaver emits. Off, every generated method, field and type stays visible
            // (user lambdas then show as their closure classes, which is what the IL holds).
            AnonymousMethods = false,

            // A reference the decompiler cannot find would change the output silently (casts,
            // unknown types); failing instead keeps snapshots the same on every machine.
            ThrowOnAssemblyResolveErrors = true,

            // XML docs would come from a file beside the assembly, if there is one: not IL.
            ShowXmlDocumentation = false,
        };

        // Look beside the woven assembly first, then beside the tests (where TwatCache.Runtime.dll
        // is), then in the installed shared framework for the assembly's target framework.
        var module = new PEFile(assemblyPath, new MemoryStream(File.ReadAllBytes(assemblyPath)));
        var resolver = new UniversalAssemblyResolver(assemblyPath, settings.ThrowOnAssemblyResolveErrors, module.DetectTargetFrameworkId());
        resolver.AddSearchDirectory(AppContext.BaseDirectory);
        return (new CSharpDecompiler(module, resolver, settings), settings);
    }

    // Four spaces and "\n", like the rest of the repository, whatever the platform.
    static string Print(SyntaxTree tree, DecompilerSettings settings)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        var tokens = new TextWriterTokenWriter(writer) { IndentationString = "    " };
        tree.AcceptVisitor(new CSharpOutputVisitor(tokens, settings.CSharpFormattingOptions));
        return writer.ToString();
    }
}
