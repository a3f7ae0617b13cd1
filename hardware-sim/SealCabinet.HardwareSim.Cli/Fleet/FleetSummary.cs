using SealCabinet.Firmware.Core.Messages;
using SealCabinet.HardwareSim.Cabinet;
using Spectre.Console;

namespace SealCabinet.HardwareSim.Cli.Fleet;

/// <summary>Totals over a fleet: events journaled and acked, grants, stampings, grant → READY latency.</summary>
internal static class FleetSummary
{
    public static Table Build(IReadOnlyList<SimulatedCabinet> cabinets, TimeSpan elapsed)
    {
        long journaled = 0, acked = 0, mqttUp = 0, grantMessages = 0, accepted = 0, refused = 0, stampings = 0, alarms = 0;
        var latencies = new List<long>();
        foreach (var cabinet in cabinets)
        {
            var snapshot = cabinet.Snapshot();
            var events = cabinet.Events;
            journaled += events.Count;
            acked += (long)snapshot.AckedSeq;
            mqttUp += snapshot.MqttConnected ? 1 : 0;
            grantMessages += cabinet.GrantMessagesReceived;
            accepted += events.Count(e => e.Type == EventType.GrantAccepted);
            refused += events.Count(e => e.Type == EventType.GrantRefused);
            stampings += events.Count(e => e.Type == EventType.SleeveRelocked);
            alarms += events.Count(e => e.Type is EventType.ForcedOpenAlarm or EventType.TamperAlarm or EventType.OveruseAlarm or EventType.SealNotReturnedAlarm);
            latencies.AddRange(cabinet.GrantToReadyLatenciesMs);
        }

        latencies.Sort();
        var table = new Table().Border(TableBorder.Rounded).Title($"fleet of {cabinets.Count} after {elapsed.TotalSeconds:0} s");
        table.AddColumns("measure", "value");
        table.AddRow("MQTT sessions up", $"{mqttUp}/{cabinets.Count}");
        table.AddRow("events journaled", journaled.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("events acked by the cloud", acked.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("events per second (journaled)", (journaled / Math.Max(1, elapsed.TotalSeconds)).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("grants received over MQTT", grantMessages.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("grants accepted / refused", $"{accepted} / {refused}");
        table.AddRow("stampings completed", stampings.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("alarms", alarms.ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.AddRow("grant received → sleeve READY (ms)", latencies.Count == 0 ? "no grants yet" : $"p50 {Percentile(latencies, 0.5)}, p95 {Percentile(latencies, 0.95)}, max {latencies[^1]} (n={latencies.Count})");
        return table;
    }

    private static long Percentile(List<long> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
