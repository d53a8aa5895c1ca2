using System;
using System.Collections.Generic;
using System.Linq;
using TwatCache.Tool.Output;

namespace TwatCache.Tool.Stores;

/// <summary>
/// Every store below one folder, their methods, and (read on demand, with a progress bar) their entries.
/// What the commands share; disposing it closes the databases.
/// </summary>
internal sealed class CacheContents : IDisposable
{
    readonly Dictionary<(IStoreView, string), StoredMethod> methodsById = [];

    CacheContents(string folder, List<IStoreView> stores)
    {
        Folder = folder;
        Stores = stores;
        Methods = stores.SelectMany(store => store.Methods()).ToList();
        foreach (var method in Methods)
        {
            methodsById[(method.Store, method.Id)] = method;
        }
    }

    public string Folder { get; }

    public IReadOnlyList<IStoreView> Stores { get; }

    public IReadOnlyList<StoredMethod> Methods { get; }

    /// <exception cref="ToolException">No store below <paramref name="folder"/>.</exception>
    public static CacheContents Load(string folder)
    {
        var stores = StoreFinder.Find(folder);
        return stores.Count > 0
            ? new CacheContents(folder, stores)
            : throw new ToolException($"No TwatCache cache in {folder}: no [BCache] database and no [FCache] method folder.");
    }

    /// <summary>The methods <c>--method</c> names; all of them when it is null.</summary>
    /// <exception cref="ToolException">The name matches no method.</exception>
    public IReadOnlyList<StoredMethod> Select(string? query)
    {
        if (query is null)
        {
            return Methods;
        }

        var matching = Methods.Where(method => MethodMatcher.Matches(method, query)).ToList();
        if (matching.Count == 0)
        {
            var known = string.Join(Environment.NewLine, Methods.Select(method => "  " + method.DisplayName).Distinct().Order(StringComparer.Ordinal));
            throw new ToolException($"No cached method matches '{query}' in {Folder}. The methods there:{Environment.NewLine}{known}");
        }

        return matching;
    }

    /// <summary>The entries of <paramref name="methods"/> (of all methods when null), store by store.</summary>
    public List<StoredEntry> Entries(IReadOnlyList<StoredMethod>? methods = null)
    {
        var wanted = methods?.Select(method => (method.Store, method.Id)).ToHashSet();
        var total = Stores.Sum(store => store.CountEntries());
        using var progress = Progress.Start("reading", total);
        return Stores
            .SelectMany(store => store.Entries(progress))
            .Where(entry => wanted is null || wanted.Contains((entry.Store, entry.MethodId)))
            .ToList();
    }

    public StoredMethod MethodOf(StoredEntry entry) =>
        methodsById.TryGetValue((entry.Store, entry.MethodId), out var method) ? method : new StoredMethod(entry.Store, entry.MethodId, null);

    /// <summary>Deletes the entries, store by store, under one progress bar; returns how many were deleted.</summary>
    public int Delete(IReadOnlyList<StoredEntry> entries, string label)
    {
        using var progress = Progress.Start(label, entries.Count);
        return entries.GroupBy(entry => entry.Store).Sum(group => group.Key.Delete(group.ToList(), progress));
    }

    public void Dispose()
    {
        foreach (var store in Stores)
        {
            store.Dispose();
        }
    }
}
