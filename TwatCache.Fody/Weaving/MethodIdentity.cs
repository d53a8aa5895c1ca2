using System.Linq;
using Mono.Cecil;

namespace TwatCache.Fody.Weaving;

/// <summary>
/// A method's name for persistent keys: <c>Ns.Outer/Inner`1::Load``1(System.Int32,!!0)</c>. The same in
/// every build of the same declaration (no tokens, no positions), different for overloads.
/// </summary>
static class MethodIdentity
{
    public static string Of(MethodDefinition method)
    {
        var generics = method.HasGenericParameters ? "``" + method.GenericParameters.Count : "";
        var parameters = string.Join(",", method.Parameters.Select(p => p.ParameterType.FullName));
        return method.DeclaringType.FullName + "::" + method.Name + generics + "(" + parameters + ")";
    }
}
