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
    private const string ConsoleUrl = "http://localhost:41002";

    // A demo run's console, then a later 'sealsim cloud' on the same data with other ports.
    private static readonly string[] ConsoleOrigins = ["http://localhost:40502", ConsoleUrl];

    [Test]
    public void Every_printed_sealctl_command_parses_with_sealctls_own_parser()
    {
        foreach (var command in SealctlHints.Commands(DataDirectory, ConsoleOrigins))
        {
            var parsed = SealctlApp.Build().Parse([.. command.Arguments]);

            Assert.That(parsed.Errors.Select(e => e.Message), Is.Empty, command.Render());
        }
    }

    [Test]
    public void The_printed_submit_files_the_demos_scanned_page_as_its_material()
    {
        var submit = SealctlHints.Commands(DataDirectory, ConsoleOrigins).Single(c => c.Arguments is ["requests", "submit", ..]);

        var material = submit.Arguments[submit.Arguments.ToList().IndexOf("--material") + 1];

        Assert.That(material, Is.EqualTo(Path.Combine(DataDirectory, SealctlHints.ScannedPageFileName)));
    }

    [Test]
    public void The_printed_lines_quote_paths_with_spaces_and_keep_shell_variables_expandable()
    {
        var lines = SealctlHints.Lines("http://127.0.0.1:41001", ConsoleUrl, DataDirectory, ConsoleOrigins, "/work/repo");

        Assert.That(lines, Has.Some.EqualTo("export SEALCTL_URL=http://127.0.0.1:41001"));
        Assert.That(lines, Has.Some.StartsWith($"export SEALCTL_TOKEN=$(sealctl token --data-dir '{DataDirectory}' --person li-mei "));
        Assert.That(lines, Has.Some.EqualTo("SEALCTL_TOKEN=$APPROVER sealctl requests list --state submitted"));
        Assert.That(lines, Has.Some.Contains($"--database \"$(cat '{DataDirectory}/ledger-reader.connection')\""));
    }

    [Test]
    public void No_approval_is_printed_as_a_sealctl_command_since_it_must_be_signed_with_the_approvers_passkey()
    {
        var lines = SealctlHints.Lines("http://127.0.0.1:41001", ConsoleUrl, DataDirectory, ConsoleOrigins, "/work/repo");

        Assert.That(SealctlHints.Commands(DataDirectory, ConsoleOrigins).Select(c => c.Arguments.Take(2)), Has.None.EqualTo(new[] { "requests", "approve" }));
        Assert.That(lines.Where(l => l.StartsWith('#')), Has.Some.Contains($"he approves in the web console ({ConsoleUrl})"));
        Assert.That(lines, Has.Some.Contains($"sealctl people invite wang-jianguo --console {ConsoleUrl}"));
    }

    [Test]
    public void The_printed_verification_checks_the_signed_approvals_for_every_origin_the_console_had()
    {
        var verify = SealctlHints.Commands(DataDirectory, ConsoleOrigins).Single(c => c.Arguments is ["audit", "verify", ..]).Arguments;

        Assert.That(string.Join(' ', verify), Does.EndWith("--rp-id localhost --origin http://localhost:40502 --origin http://localhost:41002 --require-signed-approvals"));
    }

    [Test]
    public void The_printed_verification_trusts_every_root_passkey_made_on_the_data_and_parses()
    {
        string[] roots = [new string('a', 64), new string('b', 64)];

        var verify = SealctlHints.Commands(DataDirectory, ConsoleOrigins, roots).Single(c => c.Arguments is ["audit", "verify", ..]).Arguments;

        Assert.That(string.Join(' ', verify), Does.EndWith($"--origin http://localhost:41002 --trusted-root {roots[0]} --trusted-root {roots[1]} --require-signed-approvals"));
        Assert.That(SealctlApp.Build().Parse([.. verify]).Errors, Is.Empty);
    }
}
