namespace SealCabinet.HardwareSim.Scenario;

/// <summary>A scenario script has errors; <see cref="Errors"/> lists every one with its line.</summary>
public sealed class ScenarioParseException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="errors">The problems (at least one).</param>
    public ScenarioParseException(IReadOnlyList<ScenarioError> errors)
        : base(string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception.</summary>
    public ScenarioParseException()
        : this([])
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public ScenarioParseException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ScenarioParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>The problems, in line order.</summary>
    public IReadOnlyList<ScenarioError> Errors { get; }
}
