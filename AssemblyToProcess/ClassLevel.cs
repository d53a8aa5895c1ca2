using TwatCache;

namespace AssemblyToProcess;

/// <summary>[MCache] on the class: every public method returning a value is cached, but for [NoCache].</summary>
[MCache(MaxSize = 100)]
public class ClassLevel
{
    public int Runs;

    public int Double(int value)
    {
        Runs++;
        return value * 2;
    }

    [NoCache]
    public int Uncached(int value)
    {
        Runs++;
        return value;
    }

    public void Reset() => Runs = 0;

    public int Property
    {
        get
        {
            Runs++;
            return 1;
        }
    }

    int Private(int value)
    {
        Runs++;
        return value;
    }

    public int CallsPrivate(int value) => Private(value) + Private(value);
}
