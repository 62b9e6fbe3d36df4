namespace DescentLab.Experiments;

/// <summary>How the methods' initial parameters are chosen.</summary>
public enum InitKind
{
    /// <summary>One PyTorch <c>nn.Linear</c> default init drawn after <c>torch.manual_seed(seed)</c>, shared by every method.</summary>
    Shared,

    /// <summary>A fresh default init per method, each drawn in turn from one <c>torch.manual_seed(seed)</c> stream.</summary>
    Independent,

    /// <summary>Given values, in parameter order.</summary>
    Explicit,
}
