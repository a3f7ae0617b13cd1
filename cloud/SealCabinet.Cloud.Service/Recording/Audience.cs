namespace SealCabinet.Cloud.Service.Recording;

/// <summary>
/// Who may see a notification (<c>notifications.audience</c>): named people, or holders of a role whose scope
/// covers the notification's village (deployment-wide roles only when it has no village).
/// </summary>
internal static class Audience
{
    public const string Supervisors = "role:supervisor";

    public static string Person(string personId) => "person:" + personId;

    public static string Approvers(string sealKind) => "role:approver:" + sealKind;
}
