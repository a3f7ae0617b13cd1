using SealCabinet.HardwareSim.Demo;

namespace SealCabinet.HardwareSim.EndToEnd.Tests;

/// <summary>The demo's nine steps against a cloud process of their own, each step an assertion.</summary>
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
            await TestContext.Out.WriteLineAsync($"approval → committee sleeve READY: {report.ApprovalToReadyMs} ms");
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
