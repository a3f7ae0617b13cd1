namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>
/// A started WebAuthn registration or sign-in, kept in the database so that Begin on one replica and
/// Finish on another work.
/// </summary>
internal sealed class WebAuthnCeremony
{
    public Guid Id { get; set; }

    public WebAuthnCeremonyKind Kind { get; set; }

    /// <summary>The options sent to the browser, as JSON; they hold the challenge the response must sign.</summary>
    public required string OptionsJson { get; set; }

    /// <summary>
    /// The person an enrolment registers for, or who signs a statement (the approver of a decision, the administrator of
    /// an endorsement); null for a sign-in.
    /// </summary>
    public string? PersonId { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>For a decision signature: the request.</summary>
    public Guid? RequestId { get; set; }

    /// <summary>For a signed statement: the approval statement or credential endorsement whose SHA-256 is the challenge.</summary>
    public byte[]? Statement { get; set; }
}
