using System.Text.RegularExpressions;
using SealCabinet.HardwareSim.Demo;

namespace SealCabinet.HardwareSim.EndToEnd.Tests;

/// <summary>The demo's nine steps against a cloud process of their own, each step an assertion; the approval signed with the approver's passkey.</summary>
public sealed class DemoStoryTests
{
    [Test]
    public async Task The_nine_steps_of_the_story_happen_as_the_article_tells_them()
    {
        var data = Path.Combine(TestContext.CurrentContext.WorkDirectory, "end-to-end", "demo-" + Guid.NewGuid().ToString("N")[..8]);
        var timeline = new List<string>();
        DemoReport report;
        await using (var story = new DemoStory(new DemoOptions { Cloud = new CloudServiceOptions { ServiceDll = TestCloud.ServiceDll(), DataDirectory = data } }, timeline.Add))
        {
            report = await story.RunAsync();
        }

        await TestContext.Out.WriteLineAsync(string.Join(Environment.NewLine, timeline));
        try
        {
            foreach (var step in report.Steps)
            {
                Assert.That(step.Succeeded, Is.True, $"step {step.Number} ({step.Title}): {step.Detail}");
            }

            Assert.That(report.Steps.Select(s => s.Number), Is.EqualTo(Enumerable.Range(0, 10)), "set-up and the nine steps, in order");
            Assert.That(report.Succeeded, Is.True);
            Assert.That(report.StampingsPerSeal, Is.EquivalentTo(new Dictionary<string, long> { ["COMMITTEE"] = 1 }), "one stamping, with the committee seal");
            Assert.That(report.Alarms, Is.EqualTo(1), "the forced Party sleeve");
            Assert.That(report.ApprovalToReadyMs, Is.Not.Null, "approval → READY measured");
            Assert.That(report.LedgerVerification, Does.StartWith("ledger verified"), "signed tree head and inclusion of the demo's entries");
            var signed = timeline.Single(l => l.Contains("his passkey, credential ", StringComparison.Ordinal));
            var credential = Regex.Match(signed, "credential (\\S+…), signed the approval statement \\(sha256 ([0-9a-f]{16})…").Groups;
            Assert.That(credential[1].Success, Is.True, $"step 2 names the credential and the statement digest: {signed}");
            Assert.That(timeline, Has.Some.Contains($"registered a passkey: credential {credential[1].Value}"), "the approver enrolled that passkey in the set-up");
            Assert.That(report.ApprovalVerification, Does.StartWith($"approval signed by 王建国's passkey, credential {credential[1].Value} ")
                .And.Contain($"over statement sha256 {credential[2].Value}…")
                .And.Contain("offline verification passed"), "the summary names the credential that signed and that the offline check passed");
            var root = File.ReadAllLines(Path.Combine(data, CloudServiceProcess.TrustedRootsFileName)).Single();
            Assert.That(timeline, Has.Some.Contains($"the deployment's root passkey, fingerprint {root[..16]}…"), "the administrator's passkey became the root in the set-up");
            Assert.That(report.ApprovalVerification, Does.Contain($"endorsed by admin with the root passkey of entry ").And.Contain($"fingerprint {root[..16]}…, a trusted root"),
                "the summary names who endorsed the signing passkey, back to the root the verifier trusted");
            Assert.That(timeline, Has.Some.EndsWith(report.ApprovalVerification!), "printed on the timeline");
            await TestContext.Out.WriteLineAsync($"approval → committee sleeve READY: {report.ApprovalToReadyMs} ms");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
