using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TwatCache.Engines.Sqlite;
using TwatCache.Keys.Stable;

namespace TwatCache.Tool.Stores;

/// <summary>
/// Finds the stores below a folder: every <see cref="SqliteDatabase.FileName"/> ([BCache]) and every folder
/// named by a method id, 64 hex digits ([FCache]). Assembly and Folder names are the user's, so any other
/// folder is walked into; a method folder is not (its shard folders hold only entries).
/// </summary>
internal static class StoreFinder
{
    public static List<IStoreView> Find(string folder)
    {
        var stores = new List<IStoreView>();
        if (Directory.Exists(folder))
        {
            Walk(folder, stores);
        }

        return stores;
    }

    static void Walk(string folder, List<IStoreView> stores)
    {
        var database = Path.Combine(folder, SqliteDatabase.FileName);
        if (File.Exists(database))
        {
            stores.Add(new SqliteStoreView(database));
        }

        // Ordinal order: the same output for the same folders, on every machine.
        foreach (var child in Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal))
        {
            if (IsMethodId(Path.GetFileName(child)))
            {
                stores.Add(new FileStoreView(child));
            }
            else
            {
                Walk(child, stores);
            }
        }
    }

    // A method folder is named by its id's hex, as FileStore names it.
    static bool IsMethodId(string name) => KeyHash.TryParseHex(name, out _);
}
