namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>Codes of the seal kinds every village holds (rows of the seal_kinds table).</summary>
internal static class SealKinds
{
    public const string Party = "PARTY";
    public const string Committee = "COMMITTEE";
    public const string Cooperative = "COOPERATIVE";

    public static readonly IReadOnlyList<string> Standard = [Party, Committee, Cooperative];

    public static readonly IReadOnlyList<SealKindDefinition> Seed =
    [
        new() { Code = Party, Name = "党组织印章", WireNumber = 1 },
        new() { Code = Committee, Name = "村委会印章", WireNumber = 2 },
        new() { Code = Cooperative, Name = "村经济合作社印章", WireNumber = 3 },
    ];

    /// <summary>The seal kind's Chinese name, or its code for a kind added later.</summary>
    public static string DisplayName(string code) => Seed.FirstOrDefault(k => k.Code == code)?.Name ?? code;
}
