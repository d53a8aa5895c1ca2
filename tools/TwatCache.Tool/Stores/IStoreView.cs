using System;
using System.Collections.Generic;
using TwatCache.Tool.Output;

namespace TwatCache.Tool.Stores;

/// <summary>
/// The tool's window on one store on disk: a [BCache] database (several methods) or one [FCache] method
/// folder. Reads what is there and deletes what it is told; it never decodes values.
/// </summary>
internal interface IStoreView : IDisposable
{
    /// <summary><c>SQLite</c> or <c>Files</c>, as <c>Cache.Stats()</c> names the engines.</summary>
    string Engine { get; }

    /// <summary>The database file or the method folder.</summary>
    string Location { get; }

    /// <summary>The cache folder the store belongs to (<c>&lt;root&gt;/twat_cache/&lt;assembly&gt;/&lt;Folder&gt;</c>).</summary>
    string Folder { get; }

    IReadOnlyList<StoredMethod> Methods();

    /// <summary>How many entries there are, cheaply: sizes the progress bar of the reads and deletes that follow.</summary>
    long CountEntries();

    IReadOnlyList<StoredEntry> Entries(Progress progress);

    /// <summary>Deletes these entries (of this store); returns how many were still there to delete.</summary>
    int Delete(IReadOnlyList<StoredEntry> entries, Progress progress);
}
