using System.Collections.Generic;
using System.Threading.Tasks;
using TwatCache;

namespace AssemblyWithErrors;

/// <summary>SkipWhen names that do not lead to one static bool predicate on the result.</summary>
public class SkipWhenMisuse
{
    [MCache(SkipWhen = "Missing")]
    public static string? NoSuchPredicate(int id) => new string('x', id);

    [MCache(SkipWhen = nameof(IsBlank))]
    public static string? InstancePredicate(int id) => new string('x', id);

    [MCache(SkipWhen = nameof(IsNothing))]
    public static string? OverloadedPredicate(int id) => new string('x', id);

    [MCache(SkipWhen = nameof(IsDefault))]
    public static string? GenericPredicate(int id) => new string('x', id);

    [MCache(SkipWhen = nameof(Shorter))]
    public static string? TwoParameters(int id) => new string('x', id);

    [MCache(SkipWhen = nameof(Length))]
    public static string? NotBool(int id) => new string('x', id);

    [MCache(SkipWhen = nameof(IsZero))]
    public static string? OtherType(int id) => new string('x', id);

    [MCache(SkipWhen = nameof(IsEmptyList))]
    public static IList<int> BaseToDerived(int id) => [id];

    [ACache(SkipWhen = nameof(IsUnfinished))]
    public static Task<int> TakesTheTask(int id) => Task.FromResult(id);

    [MCache(SkipWhen = nameof(IsZeroObject))]
    public static int Boxing(int id) => id;

    bool IsBlank(string? text) => string.IsNullOrEmpty(text) && GetHashCode() != 0;

    static bool IsNothing(string? text) => text is null;

    static bool IsNothing(object? value) => value is null;

    static bool IsDefault<T>(T value) => EqualityComparer<T>.Default.Equals(value, default!);

    static bool Shorter(string? text, int length) => text?.Length < length;

    static int Length(string? text) => text?.Length ?? 0;

    static bool IsZero(int value) => value == 0;

    static bool IsEmptyList(List<int> values) => values.Count == 0;

    static bool IsUnfinished(Task<int> task) => !task.IsCompleted;

    static bool IsZeroObject(object value) => value is 0;
}

/// <summary>On a class, a method whose result the predicate cannot take is an error too, not a silent skip.</summary>
[MCache(SkipWhen = nameof(IsBlank))]
public class SkipWhenOnClass
{
    public string Name(int id) => new string('x', id);

    public int Number(int id) => id;

    static bool IsBlank(string? text) => string.IsNullOrEmpty(text);
}
