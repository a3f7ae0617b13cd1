using SealCabinet.Firmware.Core.Messages;

namespace SealCabinet.HardwareSim.Scenario;

/// <summary>One parsed step of a scenario script; only the fields of its <see cref="Kind"/> are meaningful.</summary>
public sealed class ScenarioStep
{
    /// <summary>The kind.</summary>
    public required StepKind Kind { get; init; }

    /// <summary>1-based line in the script.</summary>
    public required int Line { get; init; }

    /// <summary>The line as written (trimmed).</summary>
    public required string Text { get; init; }

    /// <summary>Sleeve 1..3 (0 when none).</summary>
    public int Sleeve { get; init; }

    /// <summary>Duration of sleep or press hold.</summary>
    public TimeSpan Duration { get; init; }

    /// <summary>Timeout of a wait.</summary>
    public TimeSpan Timeout { get; init; }

    /// <summary>Repetitions (press).</summary>
    public int Times { get; init; } = 1;

    /// <summary>Up/open/stuck/torn.</summary>
    public bool Flag { get; init; }

    /// <summary>Event type of expect-event.</summary>
    public EventType EventType { get; init; }

    /// <summary>Document seed.</summary>
    public int Seed { get; init; }

    /// <summary>The digits of a pin step (without the '#' the step types after them).</summary>
    public string Pin { get; init; } = string.Empty;

    /// <summary>The key of a key step.</summary>
    public char Key { get; init; }

    /// <summary>The card UID of a card step.</summary>
    public IReadOnlyList<byte> Card { get; init; } = [];

    /// <summary>Echo text.</summary>
    public string Message { get; init; } = string.Empty;
}
