using TwatCache;

namespace AssemblyToProcess;

/// <summary>An instance method: each instance has its own cache, which dies with it.</summary>
public class InstanceMethods
{
    public int Runs;

    readonly int offset;

    public InstanceMethods(int offset) => this.offset = offset;

    [MCache]
    public int Add(int value)
    {
        Runs++;
        return value + offset;
    }

    [MCache]
    public T Echo<T>(T value)
    {
        Runs++;
        return value;
    }
}
