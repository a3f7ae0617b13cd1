namespace SealCabinet.Cloud.Service.Devices;

/// <summary>
/// What `sealctl provision` diagnoses a new cabinet from: its last self-test, the calls refused since its last
/// accepted event, and the grants it refused for want of trusted time since it last accepted one.
/// </summary>
internal sealed record CommissioningReport(
    string? LastSelfTest,
    DateTimeOffset? LastSelfTestTime,
    int AuthFailures,
    string LastRejection,
    int NoTrustedTimeRefusals);
