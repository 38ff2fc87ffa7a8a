namespace Origin.Storage.Http;

/// <summary>
/// How many hedged requests one upstream may still be sent: a tenth of its requests, at most ten at once. An upstream
/// that slows down for everyone (overload, not one unlucky request) is then not sent more requests exactly when it
/// can least take them.
/// </summary>
public sealed class HedgingBudget
{
    const double PerRequest = 0.1, Burst = 10;
    readonly Lock _lock = new();
    double _tokens = Burst;

    public void Deposit()
    {
        lock (_lock) _tokens = Math.Min(Burst, _tokens + PerRequest);
    }

    public bool TryTake()
    {
        lock (_lock)
        {
            if (_tokens < 1) return false;
            _tokens -= 1;
            return true;
        }
    }
}
