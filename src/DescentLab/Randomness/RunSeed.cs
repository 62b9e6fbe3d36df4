using System.Text;

namespace DescentLab.Randomness;

/// <summary>Derives each run's private shuffle seed from the experiment seed, the method's name and the replicate.</summary>
/// <remarks>
/// FNV-1a (64-bit) over the UTF-8 name, combined with the seed and replicate and finished with SplitMix64's
/// mixer (Steele, Lea and Flood, 2014). It is stable across processes and platforms, unlike
/// <c>string.GetHashCode</c>, so adding a method never changes another method's draws.
/// </remarks>
public static class RunSeed
{
    /// <summary>The seed of the run of method <paramref name="methodName"/>, replicate <paramref name="replicate"/>.</summary>
    public static ulong Derive(ulong seed, string methodName, int replicate)
    {
        ArgumentNullException.ThrowIfNull(methodName);
        const ulong offset = 14695981039346656037UL;
        const ulong prime = 1099511628211UL;
        var hash = offset;
        foreach (var b in Encoding.UTF8.GetBytes(methodName))
        {
            hash = (hash ^ b) * prime;
        }

        var mixed = Mix(seed + 0x9E3779B97F4A7C15UL);
        mixed = Mix(mixed ^ hash);
        return Mix(mixed ^ (ulong)(uint)replicate);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
