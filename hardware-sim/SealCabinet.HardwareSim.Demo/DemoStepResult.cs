namespace SealCabinet.HardwareSim.Demo;

/// <summary>The outcome of one step of the story.</summary>
/// <param name="Number">1..9 (0 for the set-up).</param>
/// <param name="Title">What the step shows.</param>
/// <param name="Succeeded">Whether it did what the article says.</param>
/// <param name="Detail">What happened, or why it failed.</param>
public sealed record DemoStepResult(int Number, string Title, bool Succeeded, string Detail);
