using System;
using System.ComponentModel;
using TwatCache.Diagnostics;

namespace TwatCache.Sites;

/// <summary>
/// The readable signature a generic woven method reports in <see cref="Cache.Stats"/>: the holder's static
/// constructor runs once per closed instantiation and names it with its type arguments, so
/// <c>Parse&lt;int&gt;(string)</c> and <c>Parse&lt;double&gt;(string)</c> are two rows, not two <c>Parse&lt;T&gt;(string)</c>.
/// Called only by woven code.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class DisplayName
{
    /// <param name="signature">The method's signature with its open type parameters, e.g. <c>Parse&lt;T&gt;(string)</c>.</param>
    /// <param name="holder">The closed holder class the weaver added for the method.</param>
    public static string Closed(string signature, Type holder) => TypeNames.CloseSignature(signature, holder);
}
