using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;
using Mono.Cecil.Rocks;
using TwatCache.Fody.Selection;

namespace TwatCache.Fody.Weaving;

/// <summary>
/// Makes the module initializer (<c>&lt;Module&gt;..cctor</c>) declare every [BCache]/[FCache] method of the
/// module (Redis ones too) to the runtime, so <c>Cache.Clear()</c> reaches their entries on disk or in Redis before (or without) a call:
/// a method's holder, which creates its cache, runs only at its first call. Declaring is a list append in
/// the runtime — no setting read, no disk touched — so loading the assembly stays cheap.
/// </summary>
static class DeclarationWriter
{
    const string DeclarationsType = "TwatCache.Sites.PersistentMethodDeclarations";

    /// <summary>
    /// <code>
    /// PersistentMethodDeclarations.Declare(typeof(Declaring), "Name", CacheKind.BCache, "Ns.Declaring::Name(System.Int32)", "Folder" or null,
    ///     CacheEngine.Sqlite, Files or Redis);
    /// </code>
    /// one per method, in module order, before whatever the module initializer already does.
    /// </summary>
    public static void Write(WovenReferences references, IReadOnlyList<CacheRequest> persistent)
    {
        if (persistent.Count == 0)
        {
            return;
        }

        var module = references.Module;
        var runtimeModule = references.PersistentSync.MethodType.Resolve().Module;
        var declarations = runtimeModule.GetType(DeclarationsType)
            ?? throw new global::Fody.WeavingException($"{WovenReferences.RuntimeAssemblyName} has no type {DeclarationsType}: the TwatCache.Runtime package and the weaver must be the same version.");
        var declare = references.Import(declarations.Methods.Single(m => m.Name == "Declare"));

        var initializer = ModuleInitializer(module);
        var il = initializer.Body.GetILProcessor();
        var first = initializer.Body.Instructions[0];
        foreach (var request in persistent)
        {
            var method = request.Method;
            Emit(il, first, Instruction.Create(OpCodes.Ldtoken, method.DeclaringType));
            Emit(il, first, Instruction.Create(OpCodes.Call, references.GetTypeFromHandle));
            Emit(il, first, Instruction.Create(OpCodes.Ldstr, method.Name));
            Emit(il, first, Instruction.Create(OpCodes.Ldc_I4, (int)request.Kind));
            Emit(il, first, Instruction.Create(OpCodes.Ldstr, MethodIdentity.Of(method)));
            Emit(il, first, request.Settings.Folder is { } folder ? Instruction.Create(OpCodes.Ldstr, folder) : Instruction.Create(OpCodes.Ldnull));
            Emit(il, first, Instruction.Create(OpCodes.Ldc_I4, (int)(request.Engine ?? (request.Kind == CacheKind.FCache ? CacheEngine.Files : CacheEngine.Sqlite))));
            Emit(il, first, Instruction.Create(OpCodes.Call, declare));
        }

        initializer.Body.OptimizeMacros();
    }

    static void Emit(ILProcessor il, Instruction before, Instruction instruction) => il.InsertBefore(before, instruction);

    /// <summary>The module's <c>&lt;Module&gt;..cctor</c>, added (just <c>ret</c>) when the module has none.</summary>
    public static MethodDefinition ModuleInitializer(ModuleDefinition module)
    {
        var moduleType = module.Types.Single(t => t.Name == "<Module>");
        var existing = moduleType.GetStaticConstructor();
        if (existing is not null)
        {
            existing.Body.SimplifyMacros();
            return existing;
        }

        var constructor = new MethodDefinition(".cctor",
            MethodAttributes.Private | MethodAttributes.Static | MethodAttributes.HideBySig | MethodAttributes.SpecialName | MethodAttributes.RTSpecialName,
            module.TypeSystem.Void);
        constructor.Body.GetILProcessor().Emit(OpCodes.Ret);
        moduleType.Methods.Add(constructor);
        return constructor;
    }
}
