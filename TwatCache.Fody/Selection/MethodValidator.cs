using System;
using System.Linq;
using Mono.Cecil;
using TwatCache.Fody.Support;

namespace TwatCache.Fody.Selection;

/// <summary>
/// Says why a requested method cannot be cached correctly, or null when it can. The first problem
/// found is reported; weaving goes on with the other methods so the user sees every error at once.
/// </summary>
static class MethodValidator
{
    const int AllowByRefLike = 0x0020; // GenericParameterAttributes.AllowByRefLike, newer than Cecil 0.11.

    public static string? Validate(CacheRequest request)
    {
        var problem = ValidateShape(request.Kind, request.AttributeName, request.Method)
            ?? ValidateSettings(request.AttributeName, request.Method, request.Settings)
            ?? (request.IsPersistent ? ValidatePersistent(request.AttributeName, request.Method, request.Settings) : null)
            ?? SkipWhenCheck.Validate(request);
        return problem is null ? null : problem + Messages.FromClassHint(request.FromClass);
    }

    /// <summary>
    /// Why <paramref name="method"/>'s shape cannot be cached under any settings, or null. A class-level
    /// attribute skips a method for any of these; on the method itself each is a build error.
    /// </summary>
    /// <param name="attribute">The attribute's name as the user wrote it, for the messages.</param>
    public static string? ValidateShape(CacheKind kind, string attribute, MethodDefinition method)
    {
        var returnType = method.ReturnType;
        var attributes = method.CustomAttributes.Where(a => AttributeNames.Caching.Contains(a.AttributeType.FullName)).ToList();
        if (attributes.Count > 1)
        {
            return Messages.TwoCachingAttributes(method, attributes.Select(a => AttributeNames.ShortName(a.AttributeType.FullName)).ToList());
        }

        if (!method.HasBody)
        {
            return Messages.NoBody(attribute, method);
        }

        if (returnType.MetadataType == MetadataType.Void)
        {
            return method.HasAttribute("System.Runtime.CompilerServices.AsyncStateMachineAttribute")
                ? Messages.AsyncVoid(attribute, method)
                : Messages.ReturnsVoid(attribute, method);
        }

        if (returnType.IsByReference)
        {
            return Messages.ReturnsByReference(attribute, method);
        }

        if (returnType.IsPointer || returnType.IsFunctionPointer)
        {
            return Messages.ReturnsPointer(attribute, method);
        }

        if (IsRefStruct(returnType))
        {
            return Messages.ReturnsRefStruct(attribute, method);
        }

        if (IsAsyncStream(returnType))
        {
            return Messages.AsyncStream(attribute, method);
        }

        // Before the iterator check: an iterator GetEnumerator is first of all an enumerator.
        if (MemberRoles.IsEqualityMember(method))
        {
            return Messages.EqualityMember(attribute, method);
        }

        if (MemberRoles.IsEnumerator(method))
        {
            return Messages.Enumerator(attribute, method);
        }

        if (method.HasAttribute("System.Runtime.CompilerServices.IteratorStateMachineAttribute")
            || method.HasAttribute("System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute"))
        {
            return Messages.Iterator(attribute, method);
        }

        if (IsNonGenericTask(returnType))
        {
            return Messages.NonGenericTask(attribute, method);
        }

        if (MemberRoles.IsLazySequence(returnType))
        {
            return Messages.LazySequence(attribute, method);
        }

        if (kind == CacheKind.ACache && Weaving.MethodKinds.Of(returnType) == Weaving.MethodKind.Sync)
        {
            return Messages.ACacheOnSynchronousMethod(attribute, method);
        }

        if (method.CallingConvention == MethodCallingConvention.VarArg)
        {
            return Messages.VarArgs(attribute, method);
        }

        if (!method.IsStatic && method.DeclaringType.IsValueType)
        {
            return Messages.StructInstanceMethod(attribute, method);
        }

        if (!method.IsStatic && method.DeclaringType.IsInterface)
        {
            return Messages.InterfaceInstanceMethod(attribute, method);
        }

        var byRefLike = method.DeclaringType.GenericParameters.Concat(method.GenericParameters)
            .FirstOrDefault(p => ((int)p.Attributes & AllowByRefLike) != 0);
        if (byRefLike is not null)
        {
            return Messages.ByRefLikeTypeParameter(attribute, method, byRefLike);
        }

        // Every by-ref parameter in one message: the user fixes them all in one edit.
        var byReference = method.Parameters.Where(p => p.ParameterType.IsByReference).ToList();
        if (byReference.Count > 0)
        {
            return Messages.ByReferenceParameters(attribute, method, byReference);
        }

        return method.Parameters.Select(p => ValidateParameter(attribute, method, p)).FirstOrDefault(m => m is not null);
    }

    static string? ValidateParameter(string attribute, MethodDefinition method, ParameterDefinition parameter)
    {
        var type = parameter.ParameterType;
        if (type.IsPointer || type.IsFunctionPointer)
        {
            return Messages.PointerParameter(attribute, method, parameter);
        }

        if (IsRefStruct(type))
        {
            return Messages.RefStructParameter(attribute, method, parameter);
        }

        if (!KeyParameters.IsKey(parameter))
        {
            return null;
        }

        if (type is ArrayType { IsVector: false })
        {
            return Messages.MultiDimensionalArray(attribute, method, parameter);
        }

        if (KeyParameters.IsReferenceComparedSequence(type))
        {
            return Messages.ReferenceComparedSequence(attribute, method, parameter);
        }

        return KeyParameters.ReferenceComparedPart(type) is { } part ? Messages.ReferenceComparedCollection(attribute, method, parameter, part) : null;
    }

    static string? ValidateSettings(string attribute, MethodDefinition method, CacheSettings settings)
    {
        if (settings.MaxSize is { } maxSize && !IsValidMaxSize(maxSize))
        {
            return Messages.MaxSizeTooSmall(attribute, method, settings.MaxSize.Value);
        }

        if (settings.Ttl is { } ttl && !IsValidTtl(ttl))
        {
            return Messages.TtlInvalid(attribute, method, ttl);
        }

        if (settings.FailSafe is { } failSafe)
        {
            if (!IsValidTtl(failSafe))
            {
                return Messages.FailSafeInvalid(attribute, method, failSafe);
            }

            if (settings.Ttl is null)
            {
                return Messages.FailSafeWithoutTtl(attribute, method);
            }
        }

        if (settings.Policy is { } policy && !Enum.IsDefined(typeof(EvictionPolicy), policy))
        {
            return Messages.UnknownPolicy(attribute, method, (int)policy);
        }

        if (settings.Backend is { } unknown && !Enum.IsDefined(typeof(MemoryBackend), unknown))
        {
            return Messages.UnknownBackend(attribute, method, (int)unknown);
        }

        var backend = settings.BackendOrDefault;
        if (backend != MemoryBackend.Fast && settings.PolicyOrDefault != EvictionPolicy.Lru)
        {
            return Messages.PolicyNotSupportedByBackend(attribute, method, settings.PolicyOrDefault, backend);
        }

        return backend == MemoryBackend.RuntimeCache && settings.MaxSize is not null
            ? Messages.MaxSizeNotSupportedByRuntimeCache(attribute, method)
            : null;
    }

    /// <summary>What a key that outlives the process needs: a stable identity for <c>this</c>, a folder that stays inside the cache.</summary>
    static string? ValidatePersistent(string attribute, MethodDefinition method, CacheSettings settings)
    {
        if (!method.IsStatic && !method.DeclaringType.Implements(AttributeNames.CacheIdentity))
        {
            return Messages.PersistentInstanceWithoutIdentity(attribute, method);
        }

        return settings.Folder is { Length: > 0 } folder && !IsRelativeFolder(folder) ? Messages.FolderInvalid(attribute, method, folder) : null;
    }

    /// <summary>The rules of MaxSize and Ttl (and FailSafe, whose rule is Ttl's), on an attribute and in FodyWeavers.xml (ProjectDefaultsReader).</summary>
    internal static bool IsValidMaxSize(int maxSize) => maxSize >= 1;

    internal static bool IsValidTtl(double ttl) => ttl > 0 && !double.IsInfinity(ttl);

    /// <summary>The runtime's rule (CacheLocation.ValidateFolder), checked at build time so a bad Folder never reaches a user.</summary>
    internal static bool IsRelativeFolder(string folder) =>
        folder.Split('/', '\\').All(part =>
            part.Length > 0 && part != "." && part != ".." && part.IndexOf(':') < 0 && part.IndexOfAny(System.IO.Path.GetInvalidFileNameChars()) < 0);



    static bool IsNonGenericTask(TypeReference type) =>
        type.FullName is "System.Threading.Tasks.Task" or "System.Threading.Tasks.ValueTask";

    static bool IsAsyncStream(TypeReference type) =>
        type is GenericInstanceType { ElementType.FullName: "System.Collections.Generic.IAsyncEnumerable`1" or "System.Collections.Generic.IAsyncEnumerator`1" };

    static bool IsRefStruct(TypeReference type)
    {
        if (!type.IsValueType && type is not GenericInstanceType)
        {
            return false;
        }

        try
        {
            return type.Resolve()?.HasAttribute("System.Runtime.CompilerServices.IsByRefLikeAttribute") == true;
        }
        catch (AssemblyResolutionException)
        {
            // A type we cannot resolve cannot be proven a ref struct; the compiler already rejected misuse.
            return false;
        }
    }
}
