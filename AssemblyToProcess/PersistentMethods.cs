using System;
using System.Threading.Tasks;
using TwatCache;

namespace AssemblyToProcess;

/// <summary>Persistent caches: results go to disk, keyed by what is stable across processes.</summary>
public static class PersistentMethods
{
    public static int Runs;

    [BCache]
    public static int Square(int value)
    {
        Runs++;
        return value * value;
    }

    [BCache(Folder = "prices", Version = "2", MaxSize = 100, Ttl = 3600)]
    public static decimal Price(string symbol, DateTime day)
    {
        Runs++;
        return symbol.Length * 10m + day.Day;
    }

    [FCache(Compress = true)]
    public static double[] Series(int length)
    {
        Runs++;
        var values = new double[length];
        for (var i = 0; i < length; i++)
        {
            values[i] = Math.Sin(i / 100.0);
        }

        return values;
    }

    [FCache]
    public static Report Summarize(string title, int[] values)
    {
        Runs++;
        var sum = 0;
        foreach (var value in values)
        {
            sum += value;
        }

        return new Report { Title = title, Total = sum, Count = values.Length };
    }

    [BCache]
    public static int Fails(int value)
    {
        Runs++;
        throw new InvalidOperationException("persistent failure " + value);
    }

    [BCache]
    public static async Task<string> LoadAsync(int id)
    {
        Runs++;
        await Task.Yield();
        return "record " + id;
    }

    [FCache]
    public static async ValueTask<byte[]> DownloadAsync(int size)
    {
        Runs++;
        await Task.Yield();
        return new byte[size];
    }
}

/// <summary>A result type of this assembly: its shape is part of the persistent key.</summary>
public sealed class Report
{
    public string Title { get; set; } = "";

    public int Total { get; set; }

    public int Count { get; set; }
}

/// <summary>Persistent instance methods: instances with the same identity share entries.</summary>
public sealed class MarketData : ICacheIdentity
{
    public static int Runs;

    readonly string market;

    public MarketData(string market) => this.market = market;

    public string CacheIdentity => market;

    [BCache]
    public string Quote(string symbol)
    {
        Runs++;
        return market + ":" + symbol;
    }
}
