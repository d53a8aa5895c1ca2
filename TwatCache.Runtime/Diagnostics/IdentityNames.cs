using System;
using System.Collections.Generic;
using System.Text;

namespace TwatCache.Diagnostics;

/// <summary>
/// A persistent method's identity, as the weaver records it on disk (<c>MyApp.Db::Cube(System.Int32)</c>, Cecil's
/// full names), read back as <c>Cache.Stats()</c> names the method: <c>Db.Cube(int)</c>, the declaring type's own
/// name (<see cref="TypeNames.Readable"/>) and the parameters as C# writes them. Generic type parameters are known
/// on disk only by count (<c>Repo&lt;&gt;.Load(int)</c>); a <c>ref</c>, <c>out</c> or <c>in</c> parameter reads <c>ref</c>.
/// </summary>
internal static class IdentityNames
{
    static readonly Dictionary<string, string> Keywords = new(StringComparer.Ordinal)
    {
        ["System.Boolean"] = "bool", ["System.Byte"] = "byte", ["System.SByte"] = "sbyte", ["System.Char"] = "char",
        ["System.Int16"] = "short", ["System.UInt16"] = "ushort", ["System.Int32"] = "int", ["System.UInt32"] = "uint",
        ["System.Int64"] = "long", ["System.UInt64"] = "ulong", ["System.Single"] = "float", ["System.Double"] = "double",
        ["System.Decimal"] = "decimal", ["System.String"] = "string", ["System.Object"] = "object",
        ["System.IntPtr"] = "nint", ["System.UIntPtr"] = "nuint",
    };

    /// <summary><c>Db.Cube(int)</c> for <c>MyApp.Db::Cube(System.Int32)</c>; a text that is no identity comes back as it is.</summary>
    public static string Readable(string identity)
    {
        var separator = identity.IndexOf("::", StringComparison.Ordinal);
        var open = identity.IndexOf('(', StringComparison.Ordinal);
        if (separator < 0 || open < separator || !identity.EndsWith(')'))
        {
            return identity;
        }

        var declaringType = identity[..separator];
        // The declaring type's own name, as Stats shows it: a nested type without its outer type.
        var typeName = Generic(declaringType[(declaringType.LastIndexOfAny(['.', '/']) + 1)..]);
        var method = Generic(identity[(separator + 2)..open].Replace("``", "`", StringComparison.Ordinal));
        var parameters = SplitTopLevel(identity[(open + 1)..^1]);
        return typeName + "." + method + "(" + string.Join(", ", parameters.ConvertAll(Type)) + ")";
    }

    /// <summary>One parameter type in Cecil's notation (<c>System.Collections.Generic.List`1&lt;System.Int32&gt;[]</c>) as C# writes it.</summary>
    static string Type(string name)
    {
        if (name.EndsWith('&'))
        {
            return "ref " + Type(name[..^1]);
        }

        if (name.EndsWith('*'))
        {
            return Type(name[..^1]) + "*";
        }

        if (name.EndsWith(']') && name.LastIndexOf('[') is var bracket and > 0 && IsArraySuffix(name[bracket..]))
        {
            return Type(name[..bracket]) + "[" + new string(',', name[bracket..].Split(',').Length - 1) + "]";
        }

        if (name.EndsWith('>') && name.IndexOf('<', StringComparison.Ordinal) is var angle and > 0)
        {
            var arguments = SplitTopLevel(name[(angle + 1)..^1]).ConvertAll(Type);
            var definition = name[..angle];
            return definition == "System.Nullable`1" && arguments.Count == 1
                ? arguments[0] + "?"
                : Plain(definition) + "<" + string.Join(", ", arguments) + ">";
        }

        return Keywords.TryGetValue(name, out var keyword) ? keyword : Generic(Plain(name));
    }

    // A type without its namespace; a nested type keeps its outer types, as the weaver writes parameters (Outer.Inner).
    static string Plain(string name)
    {
        var nested = name.IndexOf('/', StringComparison.Ordinal);
        var outer = nested < 0 ? name : name[..nested];
        var local = outer[(outer.LastIndexOf('.') + 1)..];
        var tick = local.IndexOf('`', StringComparison.Ordinal);
        return (tick < 0 ? local : local[..tick]) + (nested < 0 ? "" : "." + name[(nested + 1)..].Replace('/', '.'));
    }

    // Repo`2 → Repo<,>: the parameters' names are not on disk, only their count.
    static string Generic(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var part in name.Split('.'))
        {
            var tick = part.IndexOf('`', StringComparison.Ordinal);
            if (text.Length > 0)
            {
                text.Append('.');
            }

            text.Append(tick < 0 || !int.TryParse(part[(tick + 1)..], out var count) ? part : part[..tick] + "<" + new string(',', count - 1) + ">");
        }

        return text.ToString();
    }

    // "[]", "[,]" or Cecil's "[0...,0...]".
    static bool IsArraySuffix(string suffix) => suffix[1..^1].Replace("0...", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Length == 0;

    static List<string> SplitTopLevel(string list)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < list.Length; i++)
        {
            switch (list[i])
            {
                case '<' or '[':
                    depth++;
                    break;
                case '>' or ']':
                    depth--;
                    break;
                case ',' when depth == 0:
                    parts.Add(list[start..i]);
                    start = i + 1;
                    break;
            }
        }

        if (list.Length > 0)
        {
            parts.Add(list[start..]);
        }

        return parts;
    }
}
