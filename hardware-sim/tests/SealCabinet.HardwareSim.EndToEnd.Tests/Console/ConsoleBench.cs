using System.Diagnostics;
using Microsoft.Playwright;
using SealCabinet.Contracts.V1;
using static Microsoft.Playwright.Assertions;

namespace SealCabinet.HardwareSim.EndToEnd.Tests.Console;

/// <summary>
/// The console's performance figures (docs/performance.md), not a test: explicit, run by <c>./build.sh
/// --target=Bench-Console</c>, printing figures and asserting no timing. Each figure runs beside its baseline in the
/// same run: the approver's inbox on a throttled phone profile beside the same load unthrottled, and approval tapped →
/// sleeve READY (the cabinet's part of approval → unlock) beside its part from the moment the signed ApproveRequest
/// leaves the page. Approvals are signed by the approver's passkey (the console's cloud requires it), which only the
/// browser holds, so the baseline is no longer an approval sent over native gRPC: the same approval, timed from its call.
/// </summary>
[TestFixture]
[Explicit("a benchmark: ./build.sh --target=Bench-Console")]
[Category("Bench")]
public sealed class ConsoleBench
{
    private const int Rounds = 7;
    private const int WaitingRequests = 20;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Inbox_on_a_throttled_phone_and_approval_to_unlock()
    {
        using var village = await ConsoleVillage.CreateAsync("bench");
        var cabinet = await village.World.AddCabinetAsync();
        for (var i = 0; i < WaitingRequests; i++)
        {
            await village.World.FileRequestAsync();
        }

        await using var approver = await village.EnrolAsync(village.World.Approver);
        var devTools = await approver.Page.Context.NewCDPSessionAsync(approver.Page);
        var plain = new List<double>();
        var throttled = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            plain.Add(await ColdInboxAsync(approver, devTools, throttle: false));
            throttled.Add(await ColdInboxAsync(approver, devTools, throttle: true));
        }

        await Report("inbox, cold cache, unthrottled (baseline)", plain);
        await Report("inbox, cold cache, 1.6 Mbit/s 150 ms RTT 4x CPU", throttled);

        var tapped = new List<double>();
        var sent = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            var (fromTap, fromCall) = await ApproveToReadyAsync(village, cabinet, approver);
            tapped.Add(fromTap);
            sent.Add(fromCall);
        }

        await Report("signed ApproveRequest sent by the page → sleeve READY (baseline)", sent);
        await Report("approval tapped in the browser (statement, passkey signature, ApproveRequest) → sleeve READY", tapped);
    }

    /// <summary>Navigation start → the inbox's rows visible, with the browser cache emptied first.</summary>
    private static async Task<double> ColdInboxAsync(ConsolePerson approver, ICDPSession devTools, bool throttle)
    {
        await approver.GoAsync("#/sign-in");
        await devTools.SendAsync("Network.enable");
        await devTools.SendAsync("Network.clearBrowserCache");
        await devTools.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = throttle ? 150 : 0,
            ["downloadThroughput"] = throttle ? 1_600_000 / 8 : -1,
            ["uploadThroughput"] = throttle ? 750_000 / 8 : -1,
        });
        await devTools.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = throttle ? 4 : 1 });
        var clock = Stopwatch.StartNew();
        await approver.Page.GotoAsync("about:blank");
        await approver.GoAsync("#/inbox");
        await Expect(approver.ById("request-row")).ToHaveCountAsync(WaitingRequests, new() { Timeout = 60_000 });
        var elapsed = clock.Elapsed.TotalMilliseconds;
        await devTools.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = 0, ["downloadThroughput"] = -1, ["uploadThroughput"] = -1,
        });
        await devTools.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = 1 });
        return elapsed;
    }

    /// <summary>
    /// Approve one more request in the browser until the committee sleeve is READY (its light on: what the cabinet
    /// does; the rest is the custodian walking up to push the stamp button); then stamp it. Returns milliseconds from
    /// the tap and from the page's ApproveRequest call (as Playwright reports the request: a little late, never early).
    /// </summary>
    private static async Task<(double FromTap, double FromCall)> ApproveToReadyAsync(ConsoleVillage village, Cabinet.SimulatedCabinet cabinet, ConsolePerson approver)
    {
        var requestId = await village.FileRequestAsync();
        await approver.GoAsync($"#/requests/{requestId}");
        await approver.ById("approve").WaitForAsync();

        var clock = new Stopwatch();
        long readyAt = -1;
        long sentAt = -1;
        void OnRequest(object? sender, IRequest request)
        {
            if (request.Url.EndsWith("/sealcabinet.v1.Requests/ApproveRequest", StringComparison.Ordinal))
            {
                Interlocked.CompareExchange(ref sentAt, clock.ElapsedTicks, -1);
            }
        }

        void OnReady(bool on)
        {
            if (on)
            {
                Interlocked.CompareExchange(ref readyAt, clock.ElapsedTicks, -1);
            }
        }

        cabinet.Board.Sleeve(2).ReadyLight.Changed += OnReady;
        approver.Page.Request += OnRequest;
        clock.Start();
        await approver.ById("approve").ClickAsync();

        await cabinet.WaitUntilAsync(() => Interlocked.Read(ref readyAt) >= 0, Patience, "the committee sleeve READY");
        cabinet.Board.Sleeve(2).ReadyLight.Changed -= OnReady;
        approver.Page.Request -= OnRequest;
        await approver.ExpectSignedAsync();
        await Cabinet.Custodian.StampAsync(cabinet, 2, 1, VillageWorld.CustodianAtCabinet, Patience);
        var ms = 1000.0 / Stopwatch.Frequency;
        return (readyAt * ms, (readyAt - Interlocked.Read(ref sentAt)) * ms);
    }

    private static async Task Report(string what, List<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToList();
        var median = sorted[sorted.Count / 2];
        var p90 = sorted[(int)Math.Ceiling(sorted.Count * 0.9) - 1];
        await TestContext.Out.WriteLineAsync($"{what}: median {median:0} ms, p90 {p90:0} ms, min {sorted[0]:0} ms, max {sorted[^1]:0} ms (n={sorted.Count})");
    }
}
