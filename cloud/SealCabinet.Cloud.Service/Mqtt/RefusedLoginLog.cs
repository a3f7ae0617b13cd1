using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using SealCabinet.Cloud.Service.Recording;

namespace SealCabinet.Cloud.Service.Mqtt;

/// <summary>
/// Records the embedded broker's refused logins of registered cabinets (wrong password: the cabinet holds another
/// secret) as <c>mqtt-bad-password</c> security events, so whoever diagnoses the cabinet sees them in
/// <c>Cabinet.auth_failures</c>. At most one row per cabinet per <see cref="MqttOptions.RefusedLoginRecordInterval"/>
/// and replica; the refusals in between are counted in the next row's detail, so a cabinet retrying in a loop (or
/// someone guessing) cannot flood the table. Unknown device ids are not recorded: they would let anyone fill it.
/// </summary>
internal sealed class RefusedLoginLog(SecurityEventRecorder recorder, IOptions<MqttOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    public async Task RecordAsync(string deviceId, string? endpoint, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var interval = options.Value.RefusedLoginRecordInterval;
        var window = _windows.GetOrAdd(deviceId, _ => new Window());
        int suppressed;
        lock (window)
        {
            if (window.RecordedAt is { } last && now - last < interval)
            {
                window.Suppressed++;
                return;
            }

            suppressed = window.Suppressed;
            window.RecordedAt = now;
            window.Suppressed = 0;
        }

        var detail = suppressed == 0
            ? $"MQTT login refused: wrong password (from {endpoint})"
            : $"MQTT login refused: wrong password (from {endpoint}); {suppressed} more refused since the previous record";
        await recorder.RecordAsync(deviceId, null, SecurityEventKinds.MqttBadPassword, null, null, detail, ct);
    }

    private sealed class Window
    {
        public DateTimeOffset? RecordedAt { get; set; }

        public int Suppressed { get; set; }
    }
}
