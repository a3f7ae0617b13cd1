namespace SealCabinet.Cloud.Service.Notifications;

/// <summary>Configuration section <c>Notifications</c>: how long-lived notification streams are kept honest.</summary>
internal sealed class NotificationStreamOptions
{
    public const string Section = "Notifications";

    /// <summary>
    /// How often a quiet stream checks the caller again (sign-in expiry, a console session ended or its roles changed):
    /// a revoked subscriber is cut off within this time even when no notification arrives.
    /// </summary>
    public TimeSpan StreamRecheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}
