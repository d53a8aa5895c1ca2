using TwatCache;

namespace AssemblyToProcess;

/// <summary>Cached property getters: on the property, or on the getter.</summary>
public class Properties
{
    public int Runs;

    [MCache]
    public string Expensive
    {
        get
        {
            Runs++;
            return "computed";
        }
    }

    public int OnGetter
    {
        [MCache]
        get
        {
            Runs++;
            return 7;
        }
    }
}
