namespace SealCabinet.HardwareSim.Scenario;

/// <summary>One problem in a scenario script.</summary>
/// <param name="Source">Script name.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Message">What is wrong, naming the step and field.</param>
public sealed record ScenarioError(string Source, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Source}:{Line}: {Message}";
}
