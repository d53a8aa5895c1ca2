using System;

namespace TwatCache.Tool.Stores;

/// <summary>
/// Whether <c>--method</c> names a stored method. Identities read <c>MyApp.Images::Render(System.Int32)</c>;
/// people type less, so each of these selects it: the whole identity, <c>MyApp.Images::Render</c>, the name
/// the tool and <c>Cache.Stats()</c> show (<c>Images.Render(int)</c>), <c>Images.Render</c>, <c>Render</c>, or the
/// first 8 or more digits of its id (for unnamed methods).
/// All overloads of a name match, as <c>Cache.Clear(Type, name)</c> does.
/// </summary>
internal static class MethodMatcher
{
    public static bool Matches(StoredMethod method, string query)
    {
        if (query.Length >= 8 && method.Id.StartsWith(query, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (method.Name is not { } name)
        {
            return false;
        }

        var withoutSignature = name.IndexOf('(') is var paren and >= 0 ? name[..paren] : name;
        var separator = withoutSignature.LastIndexOf("::", StringComparison.Ordinal);
        if (separator < 0)
        {
            return query == name || query == withoutSignature;
        }

        var type = withoutSignature[..separator];
        var member = withoutSignature[(separator + 2)..];
        var shortType = type[(type.LastIndexOfAny(['.', '+']) + 1)..];
        return query == name || query == withoutSignature || query == member || query == method.ReadableName
            || query == shortType + "." + member || query == type + "." + member;
    }
}
