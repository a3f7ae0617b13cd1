using SealCabinet.Contracts.V1;

namespace SealCabinet.Cloud.Tool.Provisioning;

/// <summary>What the cloud saw of a freshly provisioned cabinet, and what to check when it never called home.</summary>
internal static class CommissioningReport
{
    public static bool HasCalledHome(Cabinet c) => c.LastSeq > 0 || c.Status == CabinetStatus.Active;

    public static bool IsComplete(Cabinet c) => HasCalledHome(c) && c.LastSelfTest.Length > 0;

    /// <summary>The self-test summary ("summary trigger=… result=… sleeves=…") as name/value pairs.</summary>
    public static IReadOnlyList<(string Name, string Value)> SelfTest(string summary) =>
        [.. summary.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(part => part.Contains('=', StringComparison.Ordinal))
            .Select(part => (part[..part.IndexOf('=')], part[(part.IndexOf('=') + 1)..]))];

    /// <summary>The most likely cause, from what the cloud recorded, when the cabinet did not complete commissioning.</summary>
    public static string Diagnose(Cabinet c)
    {
        if (c.AuthFailures > 0 || c.LastRejection == "BAD_MAC")
        {
            return "wrong secret: the cloud refused the cabinet's MAC or MQTT password " + c.AuthFailures + " time(s). The bundle on the cabinet is not the one of this registration (an older file, or the secret was rotated): provision it again.";
        }

        if (c.NoTrustedTimeRefusals > 0)
        {
            return "clock: the cabinet refused grants with NO_TRUSTED_TIME; it has not accepted a signed server time. Its gateway calls fail after MQTT works: check the gateway URL and the CA certificate for HTTPS.";
        }

        if (c.LastRejection.Length > 0)
        {
            return "events rejected (" + c.LastRejection + "): see `sealctl devices show " + c.DeviceId + "` and the service log for the cabinet.";
        }

        if (HasCalledHome(c))
        {
            return "the cabinet has called home but no self-test result is stored yet: wait, or run the self-test again by re-provisioning it (sealctl provision --device-id " + c.DeviceId + " …: the boot that applies the new secret runs it).";
        }

        if (c.Online)
        {
            return "MQTT works (Wi-Fi, TLS, broker and secret are right) but no event reached the cloud: the gateway URL or its TLS certificate is not reachable from the cabinet (status LED: 3 blinks), or the cloud does not store events.";
        }

        return "never connected: the cabinet did not reach the broker. Check the status LED: even 1 Hz blinking = the bundle was refused (redeploy it); 2 blinks = Wi-Fi (SSID, password, signal); 3 blinks = broker or gateway unreachable (host, port, firewall, CA certificate/TLS); 4 blinks = clock not trusted.";
    }
}
