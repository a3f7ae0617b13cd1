extern alias sealctl;

using SealCabinet.HardwareSim.Demo;
using SealctlApp = sealctl::SealCabinet.Cloud.Tool.SealctlApp;

// Outside the namespace of CloudUnderTest on purpose: parsing command lines needs no cloud.
namespace SealCabinet.HardwareSim.DemoHints.Tests;

/// <summary>The sealctl lines that <c>sealsim demo --keep</c> and <c>sealsim cloud</c> print, checked with sealctl's own parser.</summary>
[TestFixture]
public sealed class SealctlHintsTests
{
    private const string DataDirectory = "/srv/demo data/20261207-101500";

    [Test]
    public void Every_printed_sealctl_command_parses_with_sealctls_own_parser()
    {
        foreach (var command in SealctlHints.Commands(DataDirectory))
        {
            var parsed = SealctlApp.Build().Parse([.. command.Arguments]);

            Assert.That(parsed.Errors.Select(e => e.Message), Is.Empty, command.Render());
        }
    }

    [Test]
    public void The_printed_submit_files_the_demos_scanned_page_as_its_material()
    {
        var submit = SealctlHints.Commands(DataDirectory).Single(c => c.Arguments is ["requests", "submit", ..]);

        var material = submit.Arguments[submit.Arguments.ToList().IndexOf("--material") + 1];

        Assert.That(material, Is.EqualTo(Path.Combine(DataDirectory, SealctlHints.ScannedPageFileName)));
    }

    [Test]
    public void The_printed_lines_quote_paths_with_spaces_and_keep_shell_variables_expandable()
    {
        var lines = SealctlHints.Lines("http://127.0.0.1:41001", DataDirectory, "/work/repo");

        Assert.That(lines, Has.Some.EqualTo("export SEALCTL_URL=http://127.0.0.1:41001"));
        Assert.That(lines, Has.Some.StartsWith($"export SEALCTL_TOKEN=$(sealctl token --data-dir '{DataDirectory}' --person li-mei "));
        Assert.That(lines, Has.Some.EqualTo("SEALCTL_TOKEN=$APPROVER sealctl requests approve \"$REQUEST_ID\" --comment 同意"));
        Assert.That(lines, Has.Some.EndsWith($"--database \"$(cat '{DataDirectory}/ledger-reader.connection')\""));
    }
}
