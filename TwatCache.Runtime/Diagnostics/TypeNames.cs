using System;
using System.Linq;

namespace TwatCache.Diagnostics;

/// <summary>Type names as C# writes them (<c>Repo&lt;int&gt;</c>, not <c>Repo`1[System.Int32]</c>), for tables and messages.</summary>
internal static class TypeNames
{
    public static string Readable(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        var bare = tick < 0 ? name : name[..tick];
        return bare + "<" + string.Join(", ", type.GetGenericArguments().Select(Readable)) + ">";
    }
}
