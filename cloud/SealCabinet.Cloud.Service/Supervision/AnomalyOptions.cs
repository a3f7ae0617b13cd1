namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>Anomaly detection settings (configuration section <c>Anomalies</c>).</summary>
internal sealed class AnomalyOptions
{
    public const string Section = "Anomalies";

    /// <summary>How often the detector runs (any replica; findings are idempotent).</summary>
    public TimeSpan DetectInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A cabinet in service silent for longer than this is flagged offline.</summary>
    public TimeSpan OfflineThreshold { get; set; } = TimeSpan.FromHours(2);

    /// <summary>A device clock further than this from the server's receive time is flagged.</summary>
    public TimeSpan ClockSkewThreshold { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Time zone of the office calendar (IANA).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Office days, ISO numbering (1 = Monday … 7 = Sunday).</summary>
    public int[] OfficeDays { get; set; } = [1, 2, 3, 4, 5];

    /// <summary>Office hours start (local time).</summary>
    public TimeOnly OfficeStart { get; set; } = new(8, 30);

    /// <summary>Office hours end (local time).</summary>
    public TimeOnly OfficeEnd { get; set; } = new(17, 30);
}
