using System.Text;

namespace SealCabinet.HardwareSim.Demo;

/// <summary>One ready-made sealctl command line: its arguments, and how its shell line uses the result.</summary>
/// <param name="Arguments">sealctl's arguments exactly as sealctl receives them (an argument <c>$NAME</c> is a shell variable).</param>
/// <param name="Export">The shell variable the command's output is exported to (<c>export NAME=$(sealctl …)</c>), or null.</param>
/// <param name="TokenVariable">The shell variable holding the token this command runs with (<c>SEALCTL_TOKEN=$NAME sealctl …</c>), or null for the exported <c>SEALCTL_TOKEN</c>.</param>
public sealed record SealctlCommand(IReadOnlyList<string> Arguments, string? Export = null, string? TokenVariable = null)
{
    /// <summary>The shell line (POSIX sh) running it.</summary>
    /// <returns>The line.</returns>
    public string Render()
    {
        var line = new StringBuilder();
        if (TokenVariable is not null)
        {
            line.Append("SEALCTL_TOKEN=$").Append(TokenVariable).Append(' ');
        }

        line.Append("sealctl");
        foreach (var argument in Arguments)
        {
            line.Append(' ').Append(SealctlHints.Quote(argument));
        }

        return Export is null ? line.ToString() : $"export {Export}=$({line})";
    }
}
