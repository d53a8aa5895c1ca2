using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace TwatCache.Diagnostics;

/// <summary>
/// Type names as C# writes them (<c>Repo&lt;int&gt;</c>, not <c>Repo`1[System.Int32]</c>), for tables and
/// messages, with the keywords the weaver uses in signatures (<c>int</c>, <c>string</c>).
/// </summary>
internal static class TypeNames
{
    static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(bool)] = "bool", [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(char)] = "char",
        [typeof(short)] = "short", [typeof(ushort)] = "ushort", [typeof(int)] = "int", [typeof(uint)] = "uint",
        [typeof(long)] = "long", [typeof(ulong)] = "ulong", [typeof(float)] = "float", [typeof(double)] = "double",
        [typeof(decimal)] = "decimal", [typeof(string)] = "string", [typeof(object)] = "object",
        [typeof(nint)] = "nint", [typeof(nuint)] = "nuint",
    };

    public static string Readable(Type type)
    {
        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword;
        }

        if (type.IsArray)
        {
            return Readable(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Readable(underlying) + "?";
        }

        if (!type.IsGenericType)
        {
            return type.Name;
        }

        var name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        var bare = tick < 0 ? name : name[..tick];
        return bare + "<" + string.Join(", ", type.GetGenericArguments().Select(Readable)) + ">";
    }

    /// <summary>
    /// A woven method's signature (<c>Parse&lt;T&gt;(string)</c>) for one closed instantiation
    /// (<c>Parse&lt;int&gt;(string)</c>): every type parameter named in it is replaced by its argument.
    /// </summary>
    /// <param name="signature">The weaver's display name, written with the open type parameters' names.</param>
    /// <param name="holder">The closed holder class the weaver added for the method: it redeclares the declaring
    /// type's type parameters, then the method's, under their own names.</param>
    public static string CloseSignature(string signature, Type holder)
    {
        if (!holder.IsConstructedGenericType)
        {
            return signature;
        }

        // Later parameters win a name clash: a method's type parameter hides its type's of the same name.
        var names = holder.GetGenericTypeDefinition().GetGenericArguments();
        var arguments = holder.GetGenericArguments();
        var closed = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < names.Length; i++)
        {
            closed[names[i].Name] = Readable(arguments[i]);
        }

        // Replace whole identifiers only: T in List<T>, not the T of "Text".
        var text = new StringBuilder(signature.Length + 16);
        for (var i = 0; i < signature.Length;)
        {
            var end = i;
            while (end < signature.Length && (char.IsLetterOrDigit(signature[end]) || signature[end] == '_'))
            {
                end++;
            }

            if (end == i)
            {
                text.Append(signature[i++]);
                continue;
            }

            var word = signature[i..end];
            text.Append(closed.TryGetValue(word, out var argument) ? argument : word);
            i = end;
        }

        return text.ToString();
    }
}
