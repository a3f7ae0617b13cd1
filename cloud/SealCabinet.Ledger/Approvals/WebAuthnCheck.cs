namespace SealCabinet.Ledger.Approvals;

/// <summary>The outcome of <see cref="WebAuthnVerifier.Verify"/>.</summary>
/// <param name="Valid">True when every check passed.</param>
/// <param name="Failure">Empty when valid; otherwise the first check that failed, worded for a person.</param>
/// <param name="SignCount">The authenticator's signature counter (big-endian at authenticatorData[33..37]); 0 when unreadable.</param>
/// <param name="Algorithm">The COSE algorithm of the public key (e.g. -7 ES256); 0 when the key could not be read.</param>
public sealed record WebAuthnCheck(bool Valid, string Failure, uint SignCount, long Algorithm);
