using DescentLab.Training;

namespace DescentLab.Sweeps;

/// <summary>One point of a sweep's grid: a method built from one value of every axis.</summary>
/// <param name="Index">The cell's position in the sweep's canonical order.</param>
/// <param name="Optimizer">The optimizer axis's value.</param>
/// <param name="LearningRate">The learning rate.</param>
/// <param name="Method">The method trained (its name encodes the settings and seeds its shuffle stream).</param>
public sealed record SweepCell(int Index, OptimizerChoice Optimizer, double LearningRate, Method Method);
