using System.CommandLine;
using SealCabinet.HardwareSim.Cabinet;
using SealCabinet.HardwareSim.Scenario;

namespace SealCabinet.HardwareSim.Cli.Commands;

/// <summary><c>scenario FILE</c>: plays a scenario script on one cabinet and prints the timeline.</summary>
internal static class ScenarioCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The scenario script (docs/hardware-sim.md, \"Scenario format\")" };
        var flash = CommonOptions.Flash();
        var check = new Option<bool>("--check") { Description = "Only check the script's syntax" };
        var noBoot = new Option<bool>("--no-boot") { Description = "Start powered off (the script boots with 'boot')" };
        var command = new Command("scenario", "Play a scenario script on a simulated cabinet") { file, flash, check, noBoot };
        command.SetAction(async (result, cancellationToken) =>
        {
            var path = result.GetValue(file)!;
            ScenarioScript script;
            try
            {
                script = ScenarioParser.Parse(await File.ReadAllTextAsync(path.FullName, cancellationToken), path.Name);
            }
            catch (ScenarioParseException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 2;
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"error: {e.Message}");
                return 2;
            }

            if (result.GetValue(check))
            {
                Console.WriteLine($"{path.Name}: {script.Steps.Count} steps, no errors");
                return 0;
            }

            using var cabinet = new SimulatedCabinet(new SimulatedCabinetOptions { FlashDirectory = result.GetValue(flash)!.FullName });
            if (cabinet.ProvisioningProblem is { } problem)
            {
                await Console.Error.WriteLineAsync($"warning: {problem}; the firmware will stay in its fault state");
            }

            var timeline = new Timeline(cabinet);
            if (!result.GetValue(noBoot))
            {
                cabinet.PowerOn();
            }

            var outcome = await new ScenarioRunner(cabinet, timeline.Write).RunAsync(script, cancellationToken);
            timeline.Write(outcome.Succeeded ? $"scenario passed: {outcome.StepsRun} steps" : $"scenario failed at line {outcome.FailedStep!.Line}: {outcome.Error}");
            return outcome.Succeeded ? 0 : 1;
        });
        return command;
    }
}
