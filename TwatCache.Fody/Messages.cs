using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using TwatCache.Fody.Support;

namespace TwatCache.Fody;

/// <summary>
/// Every sentence the weaver says to a user, in one place: what is wrong, and what to change.
/// Each names the attribute and the method; Fody adds the file and line.
/// </summary>
static class Messages
{
    static string Subject(string attribute, MethodDefinition method) => $"[{attribute}] cannot cache {DisplayNames.QualifiedMethod(method)}";

    public static string BothCacheAndNoCache(MethodDefinition method, string attribute) =>
        $"{DisplayNames.QualifiedMethod(method)} has both [{attribute}] and [NoCache]. Remove one of them.";

    public static string NoBody(string attribute, MethodDefinition method) =>
        $"{Subject(attribute, method)}: it has no body (abstract, extern or an interface member). Put the attribute on the implementing method.";

    public static string ReturnsVoid(string attribute, MethodDefinition method) =>
        $"{Subject(attribute, method)}: it returns void, so there is no result to keep. Return the value you want cached, or remove the attribute.";

    public static string ReturnsByReference(string attribute, MethodDefinition method) =>
        $"{Subject(attribute, method)}: it returns a reference (ref return), which cannot be stored. Return the value instead.";

    public static string ReturnsRefStruct(string attribute, MethodDefinition method) =>
        $"{Subject(attribute, method)}: it returns {DisplayNames.Type(method.ReturnType)}, a ref struct that cannot outlive the call. Return an array or another heap type instead.";

    public static string ReturnsPointer(string attribute, MethodDefinition method) =>
        $"{Subject(attribute, method)}: it returns a pointer, which cannot be cached. Return a value instead.";

    public static string ByReferenceParameters(string attribute, MethodDefinition method, IReadOnlyList<ParameterDefinition> parameters) =>
        parameters.Count == 1
            ? $"{Subject(attribute, method)}: parameter '{parameters[0].Name}' is passed by reference (ref, out or in), so a cached result could not reproduce what the method writes or reads through it. Pass it by value."
            : $"{Subject(attribute, method)}: parameters {List(parameters.Select(p => $"'{p.Name}'").ToList())} are passed by reference (ref, out or in), so a cached result could not reproduce what the method writes or reads through them. Pass them by value.";

    public static string RefStructParameter(string attribute, MethodDefinition method, ParameterDefinition parameter) =>
        $"{Subject(attribute, method)}: parameter '{parameter.Name}' is {DisplayNames.Type(parameter.ParameterType)}, a ref struct that cannot be kept in a key. Pass an array (or a string) instead.";

    public static string PointerParameter(string attribute, MethodDefinition method, ParameterDefinition parameter) =>
        $"{Subject(attribute, method)}: parameter '{parameter.Name}' is a pointer, whose target can change behind the cache. Pass the value or an array instead.";

    public static string ByRefLikeTypeParameter(string attribute, MethodDefinition method, GenericParameter parameter) =>
        $"{Subject(attribute, method)}: type parameter {parameter.Name} allows ref structs, which cannot be kept in a key or a cache. Remove 'allows ref struct'.";

    public static string ReferenceComparedSequence(string attribute, MethodDefinition method, ParameterDefinition parameter) =>
        $"{Subject(attribute, method)}: parameter '{parameter.Name}' is {DisplayNames.Type(parameter.ParameterType)}, which would be compared by reference, so calls with equal contents would never hit. Take an array, a List<T> or an IReadOnlyList<T>, or mark the parameter [NoKey].";

    public static string MultiDimensionalArray(string attribute, MethodDefinition method, ParameterDefinition parameter) =>
        $"{Subject(attribute, method)}: parameter '{parameter.Name}' is a multi-dimensional array, which is not compared by content. Take a jagged or flat array, or mark the parameter [NoKey].";

    public static string Iterator(string attribute, MethodDefinition method) =>
        $"{Subject(attribute, method)}: it is an iterator (yield return), whose result is a lazy sequence that runs again on every enumeration. Return a materialized collection (e.g. an array or a List<T>) instead.";

    public static string EqualityMember(string attribute, MethodDefinition method) =>
        $"{Subject(attribute, method)}: the cache compares keys with Equals and GetHashCode, so a cached {method.Name} would call back into the cache "
        + (method.Name == "Equals" ? "while it compares its own key, recursing until the stack overflows." : "while it hashes its own key, and would keep an old hash after the object changes.")
        + " Remove the attribute.";

    public static string Enumerator(string attribute, MethodDefinition method) =>
        $"{Subject(attribute, method)}: it returns an enumerator, which the first loop over it uses up: a cached one would yield nothing the second time. Cache a method that returns an array or a List<T> instead.";

    public static string LazySequence(string attribute, MethodDefinition method) =>
        $"{Subject(attribute, method)}: it returns {DisplayNames.Type(method.ReturnType)}, which may be a deferred query that runs again on every enumeration, so the cache would keep the query, not its items. Return an array or a List<T> (e.g. end the query with .ToArray()).";

    public static string NonGenericTask(string attribute, MethodDefinition method) =>
        $"{Subject(attribute, method)}: it returns {DisplayNames.Type(method.ReturnType)}, which has no result to cache. Return Task<T> or ValueTask<T> with the value you want cached, or remove the attribute.";

    public static string AsyncVoid(string attribute, MethodDefinition method) =>
        $"{Subject(attribute, method)}: it is async void, so there is no result to cache and callers cannot await it. Return Task<T> with the value you want cached.";

    public static string AsyncStream(string attribute, MethodDefinition method) =>
        $"{Subject(attribute, method)}: it returns {DisplayNames.Type(method.ReturnType)}, a stream produced anew on every enumeration. Return Task<List<T>> (or another materialized collection) instead.";

    public static string ACacheOnSynchronousMethod(string attribute, MethodDefinition method) =>
        $"{Subject(attribute, method)}: it returns {DisplayNames.Type(method.ReturnType)}, not Task<T> or ValueTask<T>. [ACache] is for async methods; use [MCache] for this one.";

    public static string TwoCachingAttributes(MethodDefinition method, IReadOnlyList<string> attributes) =>
        $"{DisplayNames.QualifiedMethod(method)} has both {List(attributes.Select(a => $"[{a}]").ToList())}. Keep one: "
        + (attributes.Count == 2 && attributes.Contains("MCache") && attributes.Contains("ACache")
            ? "on an async method they do the same."
            : "each picks its own engine, and a method has one cache.");

    public static string VarArgs(string attribute, MethodDefinition method) =>
        $"{Subject(attribute, method)}: it takes __arglist (varargs), which cannot be part of a key. Use a params array instead.";

    public static string StructInstanceMethod(string attribute, MethodDefinition method) =>
        $"{Subject(attribute, method)}: it is an instance method of a struct, which has no identity to hold a cache. Make it static and pass the struct as an argument.";

    public static string InterfaceInstanceMethod(string attribute, MethodDefinition method) =>
        $"{Subject(attribute, method)}: it is an instance method of an interface, which cannot hold a cache. Put the attribute on the implementing class's method.";

    public static string MaxSizeTooSmall(string attribute, MethodDefinition method, int value) =>
        $"{Subject(attribute, method)}: MaxSize = {value} is invalid; it must be at least 1. Leave MaxSize unset for an unbounded cache.";

    public static string TtlInvalid(string attribute, MethodDefinition method, double value) =>
        $"{Subject(attribute, method)}: Ttl = {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} is invalid; it must be a positive, finite number of seconds. Leave Ttl unset for entries that never expire.";

    // FailSafe: an expired value kept for when the body throws.
    public static string FailSafeInvalid(string attribute, MethodDefinition method, double value) =>
        $"{Subject(attribute, method)}: FailSafe = {value.ToString(System.Globalization.CultureInfo.InvariantCulture)} is invalid; it must be a positive, finite number of seconds (how long an expired value may still be served when the body throws). Leave FailSafe unset to let exceptions through.";

    public static string FailSafeWithoutTtl(string attribute, MethodDefinition method) =>
        $"{Subject(attribute, method)}: FailSafe needs a Ttl: without one nothing expires, so there is never an expired value to fall back on. Set Ttl (e.g. Ttl = 60, FailSafe = 300) or remove FailSafe.";

    public const string ProjectFailSafeRule =
        "it must be a positive, finite number of seconds, such as 300. Methods with a Ttl (their own or the project's) and no FailSafe of their own use it.";

    public static string UnknownPolicy(string attribute, MethodDefinition method, int value) =>
        $"{Subject(attribute, method)}: Policy = {value} is not an EvictionPolicy ({Names(typeof(EvictionPolicy))}).";

    public static string UnknownBackend(string attribute, MethodDefinition method, int value) =>
        $"{Subject(attribute, method)}: Backend = {value} is not a MemoryBackend ({Names(typeof(MemoryBackend))}).";

    public static string PolicyNotSupportedByBackend(string attribute, MethodDefinition method, EvictionPolicy policy, MemoryBackend backend) =>
        $"{Subject(attribute, method)}: Backend = MemoryBackend.{backend} cannot evict by EvictionPolicy.{policy}; it only evicts least recently used entries. Use Backend = MemoryBackend.Fast for {policy}, or drop the Policy.";

    public static string MaxSizeNotSupportedByRuntimeCache(string attribute, MethodDefinition method) =>
        $"{Subject(attribute, method)}: Backend = MemoryBackend.RuntimeCache cannot limit a cache by entry count (System.Runtime.Caching trims by memory pressure). Use Backend = MemoryBackend.Fast or MemoryCache for MaxSize, or drop MaxSize.";

    public static string PersistentInstanceWithoutIdentity(string attribute, MethodDefinition method) =>
        $"{Subject(attribute, method)}: it is an instance method, and a persistent key needs an identity for 'this' that is the same in every process, which an object reference is not. Implement TwatCache.ICacheIdentity on {DisplayNames.Type(method.DeclaringType)} (return what makes two instances interchangeable, e.g. a market or connection name), or make the method static.";

    public static string FolderInvalid(string attribute, MethodDefinition method, string folder) =>
        $"{Subject(attribute, method)}: Folder = \"{folder}\" is invalid; it must be a relative folder name such as \"images\" or \"images/thumbs\": no rooted path, no '..', no empty or '.' part, no ':'.";

    /// <summary>One build-log message per class: what its class-level attribute did not cache, and why.</summary>
    public static string SkippedByClassAttribute(TypeDefinition type, string attribute, IReadOnlyList<(MethodDefinition Method, string Reason)> skipped) =>
        $"[{attribute}] on {DisplayNames.Type(type)} caches what can be cached and leaves {skipped.Count} method{(skipped.Count == 1 ? "" : "s")} uncached (mark one [NoCache] to leave it off this list):"
        + string.Concat(skipped.Select(s => $"\n  {DisplayNames.Method(s.Method)}: {s.Reason}"));

    public static string ToStringOverrideSkipped() =>
        "it overrides object.ToString, which formatting, logging and debuggers call expecting it cheap and current. Put the attribute on the method itself to cache it.";

    public static string ComparisonSkipped() =>
        "it is a comparison (CompareTo), which sorting calls with ever-new pairs, so a cache would only fill up. Put the attribute on the method itself to cache it.";

    /// <summary>
    /// A build error's first sentence without its "[MCache] cannot cache Type.Method(…): " lead, for the
    /// class-level list: the sentences after it advise on the attribute, which the user did not put there.
    /// </summary>
    public static string Reason(string problem, string attribute, MethodDefinition method)
    {
        var lead = Subject(attribute, method) + ": ";
        var reason = problem.StartsWith(lead, System.StringComparison.Ordinal) ? problem.Substring(lead.Length) : problem;

        // A sentence ends at ". " before a capital or a bracket ("e.g. a market" does not end one).
        for (var end = reason.IndexOf(". ", System.StringComparison.Ordinal); end >= 0; end = reason.IndexOf(". ", end + 1, System.StringComparison.Ordinal))
        {
            if (end + 2 < reason.Length && (char.IsUpper(reason[end + 2]) || reason[end + 2] == '['))
            {
                return reason.Substring(0, end + 1);
            }
        }

        return reason;
    }

    // 'a', 'b' and 'c'
    /// <summary>"Lru, Lfu, Fifo or Rr": the names of one of the runtime's enums (compiled into the weaver).</summary>
    static string Names(System.Type enumType)
    {
        var names = System.Enum.GetNames(enumType);
        return string.Join(", ", names.Take(names.Length - 1)) + " or " + names[names.Length - 1];
    }

    static string List(IReadOnlyList<string> items) =>
        items.Count == 1 ? items[0] : string.Join(", ", items.Take(items.Count - 1)) + " and " + items[items.Count - 1];

    public static string FromClassHint(bool fromClass) =>
        fromClass ? " (The attribute is on the class; mark this method [NoCache] to leave it uncached.)" : "";

    public static string Unexpected(MethodDefinition method, System.Exception exception) =>
        $"TwatCache failed while weaving {DisplayNames.QualifiedMethod(method)}: {exception.GetType().Name}: {exception.Message} This is a bug in TwatCache; please report it with this message and the stack below.\n{exception.StackTrace}";

    public static string RuntimeNotReferenced() =>
        $"The module uses TwatCache attributes but {WovenReferences.RuntimeAssemblyName} could not be resolved. Reference the TwatCache.Fody package (it brings {WovenReferences.RuntimeAssemblyName}).";

    public static string ReferenceComparedCollection(string attribute, MethodDefinition method, ParameterDefinition parameter, TypeReference part)
    {
        var what = part == parameter.ParameterType
            ? $"{DisplayNames.Type(parameter.ParameterType)}, a collection that a key can only compare by reference"
            : $"{DisplayNames.Type(parameter.ParameterType)}, whose elements of type {DisplayNames.Type(part)} a key can only compare by reference";
        return $"{Subject(attribute, method)}: parameter '{parameter.Name}' is {what}: after its contents change, a call would return the old result, and equal contents in another instance would never hit. Take an array, a List<T> or an IReadOnlyList<T> (compared and copied by content, nested ones too), or mark the parameter [NoKey].";
    }

    public static string EnginePackageNotReferenced(string attribute, MethodDefinition method, string feature, string package) =>
        $"[{attribute}] on {DisplayNames.QualifiedMethod(method)} uses {feature}, whose engine ships in the {package} package, which this project does not reference. Add the {package} package, the same version as TwatCache.Fody (dotnet add package {package}).";

    public static string EnginePackageWithoutRegister(string package, string registrationType) =>
        $"{package} has no public static {registrationType}.Register(): the {package} and TwatCache.Fody packages must be the same version.";

    // [UCache]'s choice of engine (Selection/EngineChoiceRule).

    public static string UCacheFolderOnMemory(MethodDefinition method, string source) =>
        $"[UCache] on {DisplayNames.QualifiedMethod(method)} sets Folder, but its engine is memory ({source}), which keeps no folder. Set PreferredEngine = CacheEngine.Sqlite or CacheEngine.Files, or remove Folder.";

    public static string UCacheFolderOnSharedTier(MethodDefinition method, CacheEngine engine, string source) =>
        $"[UCache] on {DisplayNames.QualifiedMethod(method)} sets Folder, but its engine is {engine} ({source}), which keeps no folder. Remove Folder, or set PreferredEngine = CacheEngine.Sqlite or CacheEngine.Files.";

    public static string ACacheEngineNotAllowed(MethodDefinition method, CacheEngine engine) =>
        $"[ACache] on {DisplayNames.QualifiedMethod(method)} sets PreferredEngine = CacheEngine.{engine}, but [ACache] runs on memory (the default), CacheEngine.Redis or CacheEngine.Distributed only. Use [UCache(PreferredEngine = CacheEngine.{engine})] for a disk engine, or PreferredEngine = CacheEngine.Memory, CacheEngine.Redis or CacheEngine.Distributed.";

    // FodyWeavers.xml: <TwatCache … /> holds the project defaults (Selection/ProjectDefaultsReader).

    public static string UnknownProjectSetting(string name, string value, IReadOnlyList<string> known) =>
        $"FodyWeavers.xml: <TwatCache> has no setting '{name}' (value '{value}'). Known settings: {string.Join(", ", known)}.";

    public static string ProjectSettingChildElement(string name, IReadOnlyList<string> known) =>
        $"FodyWeavers.xml: <TwatCache> has no child element <{name}>; settings are attributes. Known settings: {string.Join(", ", known)}.";

    public static string ProjectSettingInvalid(string name, string value, string rule) =>
        $"FodyWeavers.xml: <TwatCache {name}=\"{value}\"> is invalid; {rule}";

    public const string ProjectFolderRule =
        "it must be a relative folder name such as \"images\" or \"images/thumbs\": no rooted path, no '..', no empty or '.' part, no ':'. [BCache] and [FCache] methods without a Folder of their own use it.";

    public const string ProjectMaxSizeRule =
        "it must be a whole number of at least 1 (entries per method). Leave MaxSize out for unbounded caches.";

    public const string ProjectTtlRule =
        "it must be a positive, finite number of seconds, such as 30 or 0.5. Leave Ttl out for entries that never expire.";

    public static readonly string ProjectPolicyRule =
        $"it must be one of {Names(typeof(EvictionPolicy))}, spelt as the EvictionPolicy names are.";

    public const string ProjectBoolRule = "it must be true or false.";

    public static readonly string ProjectDefaultEngineRule =
        $"it must be one of {string.Join(", ", Selection.EngineChoiceRule.AvailableNames)}, spelt as the CacheEngine names are. [UCache] methods without a PreferredEngine use it.";

    public static string Disabled(bool byConfig) =>
        "TwatCache is disabled by "
        + (byConfig ? "Disabled=\"true\" in FodyWeavers.xml" : $"the MSBuild property TwatCacheDisabled (the constant {Selection.ProjectDefaults.DisabledConstant})")
        + ": nothing is woven or cached, and the cache attributes are removed.";

    /// <summary>A warning: the result may follow something the key does not hold. Fody adds the read's file and line.</summary>
    public static string NondeterministicRead(string attribute, MethodDefinition method, Purity.NondeterministicRead read)
    {
        var what = read.Kind switch
        {
            Purity.ReadKind.Clock => $"reads the clock ({read.What})",
            Purity.ReadKind.Random => $"uses a random source ({read.What})",
            Purity.ReadKind.Guid => $"creates a new Guid ({read.What})",
            Purity.ReadKind.Environment => $"reads an environment variable ({read.What})",
            Purity.ReadKind.Culture => $"reads the current culture ({read.What})",
            Purity.ReadKind.MutableStatic => $"reads the static field {read.What} (not readonly)",
            _ => $"reads the field {read.What} of this instance (not readonly)",
        };
        var change = read.Kind is Purity.ReadKind.MutableStatic or Purity.ReadKind.MutableThisField
            ? "Make the field readonly or pass its value as a parameter"
            : "Pass the value in as a parameter";
        var where = read.Path.Count == 0
            ? ""
            : $" in {DisplayNames.QualifiedMethod(read.Method)}, which it calls through {string.Join(" -> ", read.Path.Select(DisplayNames.Method))}";
        return $"[{attribute}] on {DisplayNames.QualifiedMethod(method)}: its result may change while its key does not: it {what}{where}, so the first result "
            + $"would be served for as long as it is cached. {change}, or, if that is what you want, add {Purity.PurityWarnings.IgnoreNondeterminism} = true to [{attribute}].";
    }

    /// <summary>A warning: a key parameter compares by reference. Fody adds the method's file and line.</summary>
    public static string ReferenceComparedKey(string attribute, MethodDefinition method, ParameterDefinition parameter, TypeReference type)
    {
        var what = type == parameter.ParameterType
            ? $"is {DisplayNames.Type(type)}, a class"
            : $"is {DisplayNames.Type(parameter.ParameterType)}, whose elements are {DisplayNames.Type(type)}, a class";
        return $"[{attribute}] on {DisplayNames.QualifiedMethod(method)}: parameter '{parameter.Name}' {what} that neither overrides Equals and GetHashCode nor implements IEquatable<T>, "
            + $"so the key compares references: an equal argument in another instance never hits, and changing the instance after a call returns the old result. "
            + $"Make {DisplayNames.Type(type)} a record, or give it Equals and GetHashCode; if comparing instances is what you want, add IgnoreNondeterminism = true.";
    }

    // [InvalidateCache] (Selection/InvalidationTargets): each message names the invalidating method; Fody adds its file and line.

    static string Invalidating(MethodDefinition method) => $"[InvalidateCache] on {DisplayNames.QualifiedMethod(method)}";

    public static string InvalidatingMethodCached(MethodDefinition method, string attribute) =>
        $"{DisplayNames.QualifiedMethod(method)} has both [InvalidateCache] and [{attribute}]. A cached call may not run the method, and then it would not invalidate: remove [{attribute}], or move the change into an uncached method.";

    public static string InvalidatingMethodWithoutBody(MethodDefinition method) =>
        $"{Invalidating(method)}: the method has no body (abstract, extern or an interface member), so it never returns to invalidate. Put the attribute on the implementing method.";

    public static string InvalidatingMethodGeneric(MethodDefinition method) =>
        $"{Invalidating(method)}: the method is generic or belongs to a generic type, which [InvalidateCache] does not support. Call Cache.Invalidate(() => target(arguments)) at the end of the method instead.";

    public static string InvalidatingAsyncVoid(MethodDefinition method) =>
        $"{Invalidating(method)}: the method is async void, so nothing tells when it has finished and the entries could be dropped before its change is made. Return Task.";

    public static string InvalidatingIterator(MethodDefinition method) =>
        $"{Invalidating(method)}: the method is an iterator (yield return), whose body runs when its sequence is enumerated, after it has returned, so the entries would be dropped before its change is made. Return a materialized collection, or call Cache.Invalidate(() => target(arguments)) after the change.";

    public static string InvalidationTargetNotFound(MethodDefinition method, TypeReference type, string name) =>
        $"{Invalidating(method)}: {DisplayNames.Type(type)} has no method named '{name}'. Name the target with nameof(...), so that renaming it fails to compile instead.";

    public static string InvalidationTargetElsewhere(MethodDefinition method, TypeReference type, string name) =>
        $"{Invalidating(method)}: {DisplayNames.Type(type)}.{name} is declared in another assembly ({type.Scope.Name}), whose cached methods this build cannot see. Call Cache.Invalidate(() => target(arguments)) instead.";

    public static string InvalidationTargetNotCached(MethodDefinition method, IReadOnlyList<MethodDefinition> targets) =>
        $"{Invalidating(method)}: {List(targets.Select(DisplayNames.QualifiedMethod).ToList())} {(targets.Count == 1 ? "is not a cached method" : "are not cached methods")}, so there is nothing to invalidate. Name a method marked [MCache], [ACache], [BCache], [FCache] or [UCache].";

    public static string InvalidationTargetNotAccessible(MethodDefinition method, MethodDefinition target) =>
        $"{Invalidating(method)}: {DisplayNames.QualifiedMethod(target)} is not accessible from {DisplayNames.Type(method.DeclaringType)}. Make it internal, or invalidate from a method of {DisplayNames.Type(target.DeclaringType)}.";

    public static string InvalidationTargetAmbiguous(MethodDefinition method, IReadOnlyList<MethodDefinition> targets) =>
        $"{Invalidating(method)}: the cached overloads {List(targets.Select(DisplayNames.Method).ToList())} of {DisplayNames.Type(targets[0].DeclaringType)} all have every key parameter matched by a parameter of the same name and type here, so the target is ambiguous. "
        + "The target is the one overload whose key parameters all match: rename a parameter here, or rename one of the overloads.";

    public static string InvalidationNoOverloadMatches(MethodDefinition method, IReadOnlyList<MethodDefinition> targets) =>
        $"{Invalidating(method)}: none of the cached overloads {List(targets.Select(DisplayNames.Method).ToList())} of {DisplayNames.Type(targets[0].DeclaringType)} has every key parameter matched by a parameter of the same name and type here, so the entry to drop is unknown. "
        + "Give this method the key parameters of the overload to invalidate, or set All = true to drop every entry of every overload.";

    public static string InvalidationKeyParameterUnmatched(MethodDefinition method, MethodDefinition target, ParameterDefinition parameter) =>
        $"{Invalidating(method)}: key parameter '{parameter.Name}' ({DisplayNames.Type(parameter.ParameterType)}) of {DisplayNames.QualifiedMethod(target)} has no parameter of the same name and type here, so the entry to drop is unknown. "
        + $"Add a parameter {DisplayNames.Type(parameter.ParameterType)} {parameter.Name}, mark it [NoKey] on the target if it does not change the result, or set All = true to drop every entry.";

    public static string InvalidationWithoutInstance(MethodDefinition method, MethodDefinition target) =>
        $"{Invalidating(method)}: {DisplayNames.QualifiedMethod(target)} is an instance method, whose entries belong to each instance, and "
        + (method.IsStatic ? "this method is static" : $"this method belongs to {DisplayNames.Type(method.DeclaringType)}")
        + $", so there is no instance whose entry to drop. Invalidate from an instance method of {DisplayNames.Type(target.DeclaringType)}, call Cache.Invalidate(() => instance.{target.Name}(arguments)), or set All = true to drop the entries of every instance.";

    public static string InvalidationTargetGeneric(MethodDefinition method, MethodDefinition target) =>
        $"{Invalidating(method)}: {DisplayNames.QualifiedMethod(target)} is generic (or belongs to a generic type), so which entries to drop depends on type arguments this method does not give. "
        + "Set All = true to drop every entry, or call Cache.Invalidate(() => target<T>(arguments)) with the type arguments.";

    // SkipWhen (Selection/SkipWhenCheck): the predicate's name, where it must be, and the signature it must have.
    static string SkipWhenPrefix(string attribute, MethodDefinition method, string name) =>
        $"{Subject(attribute, method)}: SkipWhen = \"{name}\"";

    static string SkipWhenExpected(string name, TypeReference result) => $"static bool {name}({DisplayNames.Type(result)})";

    public static string SkipWhenNotFound(string attribute, MethodDefinition method, string name, TypeReference result) =>
        $"{SkipWhenPrefix(attribute, method, name)} names no method of {DisplayNames.Type(method.DeclaringType)}. "
        + $"Add {SkipWhenExpected(name, result)} to {DisplayNames.Type(method.DeclaringType)} (it returns true for a result not to store), or fix the name.";

    public static string SkipWhenNotStatic(string attribute, MethodDefinition method, string name, TypeReference result) =>
        $"{SkipWhenPrefix(attribute, method, name)} names an instance method, which has no instance to run on when the result is stored. Make it {SkipWhenExpected(name, result)}.";

    public static string SkipWhenOverloaded(string attribute, MethodDefinition method, string name, TypeReference result, int count) =>
        $"{SkipWhenPrefix(attribute, method, name)} names {count} methods of {DisplayNames.Type(method.DeclaringType)}, and a name must pick one. "
        + $"Keep one, {SkipWhenExpected(name, result)}, or give the predicate a name of its own.";

    public static string SkipWhenGeneric(string attribute, MethodDefinition method, string name, TypeReference result) =>
        $"{SkipWhenPrefix(attribute, method, name)} names a generic method, whose type arguments nothing would supply. Make it {SkipWhenExpected(name, result)}, not generic.";

    public static string SkipWhenWrongSignature(string attribute, MethodDefinition method, MethodDefinition predicate, TypeReference result) =>
        $"{SkipWhenPrefix(attribute, method, predicate.Name)} names {DisplayNames.Method(predicate)} returning {DisplayNames.Type(predicate.ReturnType)}, which does not fit. "
        + $"It must be {SkipWhenExpected(predicate.Name, result)}: one parameter of the result type (the awaited type for an async method), "
        + "its base class or one of its interfaces (or object for a class), returning true for a result not to store.";
}
