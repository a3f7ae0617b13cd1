namespace SealCabinet.Firmware.Core.Tests.Support;

/// <summary>One custodian of a test roster: their PIN and card, either may be absent.</summary>
internal sealed record RosterPerson(string PersonId, string? Pin, byte[]? Card = null);
