using TwatCache.Sites;

namespace TwatCache.Diagnostics;

/// <summary>
/// How the log and the meter name a method: its declaring type and readable signature, as the first column of
/// <see cref="Cache.FormatStats"/> shows it (<c>Prices.Quote(string)</c>). Never an argument value: a metric tag
/// takes one value per method, so the number of time series stays the number of cached methods.
/// </summary>
internal static class MethodLabel
{
    public static string Of(CachedMethodDescriptor method) => TypeNames.Readable(method.DeclaringType) + "." + method.DisplayName;
}
