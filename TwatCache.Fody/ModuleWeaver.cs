using System;
using System.Collections.Generic;
using System.Linq;
using Fody;
using Mono.Cecil;
using TwatCache.Fody;
using TwatCache.Fody.Selection;
using TwatCache.Fody.Weaving;

/// <summary>The TwatCache weaver. Fody finds it by this name.</summary>
public class ModuleWeaver : BaseModuleWeaver
{
    public override void Execute()
    {
        foreach (var problem in WeaverConfig.Validate(Config))
        {
            WriteError(problem);
        }

        var requests = new MethodSelector(this).Select(ModuleDefinition);
        if (requests.Count == 0)
        {
            AttributeCleaner.Clean(ModuleDefinition);
            return;
        }

        var references = FindReferences();
        if (references is not null)
        {
            var woven = new Dictionary<(TypeDefinition, string), int>();
            foreach (var request in requests)
            {
                Weave(references, request, woven);
            }
        }

        AttributeCleaner.Clean(ModuleDefinition);
    }

    void Weave(WovenReferences references, CacheRequest request, Dictionary<(TypeDefinition, string), int> wovenByName)
    {
        var method = request.Method;
        var problem = MethodValidator.Validate(request);
        if (problem is not null)
        {
            WriteError(problem, SourcePoints.Of(method));
            return;
        }

        // Overloads share a name; number their generated members in module order.
        var name = (method.DeclaringType, method.Name);
        wovenByName.TryGetValue(name, out var index);
        wovenByName[name] = index + 1;
        try
        {
            MethodProcessor.Process(references, new WovenMethod(request, references, index));
        }
        catch (Exception exception) when (exception is not WeavingException)
        {
            WriteError(Messages.Unexpected(method, exception), SourcePoints.Of(method));
        }
    }

    WovenReferences? FindReferences()
    {
        var runtimeReference = ModuleDefinition.AssemblyReferences.FirstOrDefault(r => r.Name == WovenReferences.RuntimeAssemblyName);
        var runtime = runtimeReference is null ? null : ModuleDefinition.AssemblyResolver.Resolve(runtimeReference);
        if (runtime is null)
        {
            WriteError(Messages.RuntimeNotReferenced());
            return null;
        }

        try
        {
            return new WovenReferences(this, runtime);
        }
        catch (WeavingException exception)
        {
            WriteError(exception.Message);
            return null;
        }
    }

    public override IEnumerable<string> GetAssembliesForScanning()
    {
        // Where the BCL types the woven code uses (ValueTuple, Func, Type) are looked up: the target's
        // reference assemblies, System.Runtime first so .NET targets don't gain a netstandard reference.
        yield return "System.Runtime";
        yield return "netstandard";
        yield return "mscorlib";
    }

    // Our attributes are stripped from the woven module, but the woven code calls the runtime.
    public override bool ShouldCleanReference => false;
}
