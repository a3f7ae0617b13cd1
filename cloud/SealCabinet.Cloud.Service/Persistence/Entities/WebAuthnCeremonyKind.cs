namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>What a <see cref="WebAuthnCeremony"/> is for.</summary>
internal enum WebAuthnCeremonyKind
{
    Enrolment,
    SignIn,
    Decision,
    Endorsement,
}
