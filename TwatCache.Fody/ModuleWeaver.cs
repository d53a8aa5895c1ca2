using System;
using System.Collections.Generic;
using System.Linq;
using Fody;
using TwatCache.Fody;
using TwatCache.Fody.Hashing;
using TwatCache.Fody.Purity;
using TwatCache.Fody.Selection;
using TwatCache.Fody.Weaving;

/// <summary>The TwatCache weaver. Fody finds it by this name.</summary>
public class ModuleWeaver : BaseModuleWeaver
{
    public override void Execute()
    {
        var defaults = ReadProjectDefaults();
        if (defaults.Disabled || DefineConstants.Any(constant => constant.Trim() == ProjectDefaults.DisabledConstant))
        {
            // Unwoven, but the same shape as a woven assembly: no cache attributes, the runtime reference kept.
            WriteInfo(Messages.Disabled(byConfig: defaults.Disabled));
            AttributeCleaner.Clean(ModuleDefinition);
            return;
        }

        var requests = new MethodSelector(this, defaults.DefaultEngine).Select(ModuleDefinition);
        foreach (var request in requests)
        {
            defaults.ApplyTo(request.Settings, request.Kind);
        }

        var valid = requests.Where(IsValid).ToList();
        var invalidations = InvalidationTargets.Select(this, ModuleDefinition, requests, valid);
        PurityWarnings.Report(this, valid);
        var references = valid.Count > 0 ? FindReferences() : null;
        if (references is not null)
        {
            // Every fingerprint is taken before the first method is rewritten: a persistent method
            // that calls another cached method must hash that method's code, not its stub.
            var hasher = new IlHasher(ModuleDefinition);
            var hashes = valid.Where(r => r.IsPersistent).ToDictionary(r => r, r => hasher.Hash(r.Method, ResultType(r), SkipWhenCheck.Predicate(r)));
            var wovenByName = new Dictionary<(string Type, string Name), int>();
            foreach (var request in valid)
            {
                Weave(references, request, hashes.TryGetValue(request, out var hash) ? hash : null, wovenByName);
            }

            WeaveInvalidations(references, invalidations);
            // Every persistent method is declared, so that Cache.Clear reaches it before its first call in this process.
            DeclarationWriter.Write(references, valid.Where(r => r.IsPersistent).ToList());
            EngineRegistrationWriter.Write(this, references, valid);
        }

        AttributeCleaner.Clean(ModuleDefinition);
    }

    /// <summary>FodyWeavers.xml's &lt;TwatCache /&gt;; each bad setting is an error at its line, when its file is found.</summary>
    ProjectDefaults ReadProjectDefaults()
    {
        var problems = new List<(string Message, string? Setting)>();
        var defaults = ProjectDefaultsReader.Read(Config, problems);
        var file = problems.Count > 0 ? ProjectDefaultsFile.Find(Config, ProjectDirectoryPath, SolutionDirectoryPath) : null;
        foreach (var (message, setting) in problems)
        {
            WriteError(message, file?.PointOf(setting));
        }

        return defaults;
    }

    bool IsValid(CacheRequest request)
    {
        var problem = (request.ChoiceProblem is { } choice ? choice + Messages.FromClassHint(request.FromClass) : null)
            ?? MethodValidator.Validate(request)
            ?? (request.IsPersistent ? RoundTripCheck.Validate(request) : null);
        if (problem is not null)
        {
            WriteError(problem, SourcePoints.Of(request.Method));
        }

        return problem is null;
    }

    void Weave(WovenReferences references, CacheRequest request, string? ilHash, Dictionary<(string, string), int> wovenByName)
    {
        var method = request.Method;

        // Overloads share a name; number their generated members in module order.
        var name = (method.DeclaringType.FullName, method.Name);
        wovenByName.TryGetValue(name, out var index);
        wovenByName[name] = index + 1;
        try
        {
            MethodProcessor.Process(references, new WovenMethod(request, references, index, ilHash));
        }
        catch (Exception exception) when (exception is not WeavingException)
        {
            WriteError(Messages.Unexpected(method, exception), SourcePoints.Of(method));
        }
    }

    /// <summary>After the cached methods: an invalidating method calls their stubs, which build the keys.</summary>
    void WeaveInvalidations(WovenReferences references, List<InvalidationRequest> invalidations)
    {
        var api = invalidations.Count > 0 ? new InvalidationApi(this, references) : null;
        var wovenByName = new Dictionary<(string Type, string Name), int>();
        foreach (var invalidation in invalidations)
        {
            var method = invalidation.Method;
            var name = (method.DeclaringType.FullName, method.Name);
            wovenByName.TryGetValue(name, out var index);
            wovenByName[name] = index + 1;
            try
            {
                InvalidationWriter.Write(references, api!, invalidation, index);
            }
            catch (Exception exception) when (exception is not WeavingException)
            {
                WriteError(Messages.Unexpected(method, exception), SourcePoints.Of(method));
            }
        }
    }

    static Mono.Cecil.TypeReference ResultType(CacheRequest request) =>
        MethodKinds.Of(request.Method.ReturnType) == MethodKind.Sync
            ? request.Method.ReturnType
            : ((Mono.Cecil.GenericInstanceType)request.Method.ReturnType).GenericArguments[0];

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
