namespace SealCabinet.HardwareSim.Scenario;

/// <summary>How a scenario run ended.</summary>
/// <param name="Succeeded">Every step completed.</param>
/// <param name="StepsRun">Steps completed.</param>
/// <param name="FailedStep">The step that failed (null on success).</param>
/// <param name="Error">Why it failed (empty on success).</param>
public sealed record ScenarioResult(bool Succeeded, int StepsRun, ScenarioStep? FailedStep, string Error);
