namespace SealCabinet.HardwareSim.Scenario;

/// <summary>A parsed scenario: its steps in order.</summary>
/// <param name="Source">Script name.</param>
/// <param name="Steps">The steps.</param>
public sealed record ScenarioScript(string Source, IReadOnlyList<ScenarioStep> Steps);
