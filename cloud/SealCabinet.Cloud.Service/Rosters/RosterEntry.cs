namespace SealCabinet.Cloud.Service.Rosters;

/// <summary>One custodian in a cabinet's roster: the PIN verifier (if set) and the card digest under that cabinet's roster key (if a card is registered).</summary>
internal sealed record RosterEntry(string PersonId, byte[]? PinSalt, byte[]? PinVerifier, int PinIterations, byte[]? CardDigest);
