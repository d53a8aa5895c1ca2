using System;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace TwatCache.Engines.Redis;

/// <summary>
/// The subscription to <see cref="Channel"/>: made when the connection is created, and made again until it works. A
/// subscription that fails (Redis down, or a SUBSCRIBE that times out under a burst while the connection stays up) is
/// tried again in the background, 100 ms later and then less and less often, up to every 5 s: waiting for the next
/// restored connection alone would leave a connection that was up all along deaf for good, its fronts on local expiry.
/// Listening starts once subscribed and connected, after every front dropped what it stored before (it may have missed
/// announcements meanwhile): at the first subscription, at each restored connection and after a late one.
/// </summary>
internal sealed partial class Invalidations
{
    static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(100);
    static readonly TimeSpan LongestRetry = TimeSpan.FromSeconds(5);

    // Held while subscribing (at most the sync timeout): the constructor, a restored connection and the retries never
    // subscribe the handler twice (StackExchange.Redis would then call it twice per message).
    readonly object subscribeGate = new();
    readonly CancellationTokenSource closing = new();
    bool subscribed;
    // A failed attempt leaves the handler registered (StackExchange.Redis adds it before it sends SUBSCRIBE): kept, so that
    // a SUBSCRIBE the server carries out late still delivers, and removed right before the next attempt adds it again.
    bool handlerLeft;
    bool closed;
    int retrying;

    /// <summary>Subscribes unless subscribed, then listens while connected; when it cannot subscribe, keeps trying in the background.</summary>
    void Listen()
    {
        if (!TryListen() && Interlocked.Exchange(ref retrying, 1) == 0)
        {
            _ = RetryAsync();
        }
    }

    /// <summary>False when the subscription could not be made (try again later); true when it is made or no longer wanted.</summary>
    bool TryListen()
    {
        lock (subscribeGate)
        {
            if (closed)
            {
                return true;
            }

            if (!subscribed)
            {
                try
                {
                    if (handlerLeft)
                    {
                        Unsubscribe();
                        handlerLeft = false;
                    }

                    multiplexer.GetSubscriber().Subscribe(Channel, handler);
                    subscribed = true;
                }
                catch (Exception exception) when (exception is RedisException or TimeoutException)
                {
                    handlerLeft = true;
                    return false;
                }
            }

            if (multiplexer.IsConnected)
            {
                StartListening();
            }

            return true;
        }
    }

    /// <summary>
    /// Announcements may have been missed until now: a new <see cref="Epoch"/>, every front's copies dropped, then
    /// <see cref="IsListening"/>, so that no copy read before the subscription worked is served as if it had been heard about.
    /// </summary>
    void StartListening()
    {
        Interlocked.Increment(ref epoch);
        foreach (var attached in targets.Values)
        {
            foreach (var target in attached)
            {
                target.DropAll();
            }
        }

        Volatile.Write(ref listening, 1);
        if (!multiplexer.IsConnected)
        {
            // The connection failed after the caller saw it up, and its ConnectionFailed may have run before the write.
            Volatile.Write(ref listening, 0);
            return;
        }

        AnnounceMissed();
    }

    async Task RetryAsync()
    {
        var delay = FirstRetry;
        try
        {
            while (true)
            {
                await Task.Delay(delay, closing.Token).ConfigureAwait(false);
                if (TryListen())
                {
                    return;
                }

                delay = delay * 2 < LongestRetry ? delay * 2 : LongestRetry;
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed: nothing to listen for any more.
        }
        finally
        {
            Volatile.Write(ref retrying, 0);
        }
    }

    void StopListening()
    {
        closing.Cancel();
        lock (subscribeGate)
        {
            closed = true;
            if (subscribed || handlerLeft)
            {
                Unsubscribe();
            }
        }

        closing.Dispose();
    }

    void Unsubscribe()
    {
        try
        {
            multiplexer.GetSubscriber().Unsubscribe(Channel, handler, CommandFlags.FireAndForget);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or ObjectDisposedException)
        {
            // The handler is removed before the command is sent; the server drops the subscription with the connection.
        }
    }

    void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) => Volatile.Write(ref listening, 0);

    void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => Listen();
}
