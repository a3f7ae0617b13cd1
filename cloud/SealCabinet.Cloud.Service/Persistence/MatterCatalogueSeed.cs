namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>
/// The starter matter catalogue shipped in the initial migration: the article's examples and the other
/// matters a village service centre stamps most. Deployments import their full list (176 in the
/// reference district) with Organization.ImportMatters.
/// </summary>
internal static class MatterCatalogueSeed
{
    private static readonly DateTimeOffset SeededAt = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<Matter> Matters { get; } =
    [
        Create("BIZ-PREMISES", "经营场所证明", 1, false, SealKinds.Committee),
        Create("HOUSE-BUILDING", "建房申请", 2, true, SealKinds.Committee),
        Create("PARTY-TRANSFER-IN", "党组织关系转入", 1, false, SealKinds.Party),
        Create("PARTY-TRANSFER-OUT", "党组织关系转出", 1, false, SealKinds.Party),
        Create("EV-CHARGER", "私人充电桩安装同意", 1, false, SealKinds.Committee),
        Create("LABOUR-HIRING", "劳务用工", 1, false, SealKinds.Cooperative, SealKinds.Committee),
        Create("RESIDENCE-PROOF", "居住证明", 1, false, SealKinds.Committee),
        Create("KINSHIP-PROOF", "亲属关系证明", 1, false, SealKinds.Committee),
        Create("HARDSHIP-PROOF", "家庭经济困难证明", 1, false, SealKinds.Committee),
        Create("SUBSISTENCE-ALLOWANCE", "最低生活保障申请", 2, false, SealKinds.Committee),
        Create("FARM-SUBSIDY", "农业补贴申请", 1, false, SealKinds.Committee),
        Create("PARTY-MEMBER-PROOF", "党员身份证明", 1, false, SealKinds.Party),
        Create("PARTY-DUES-RECEIPT", "党费收缴凭证", 1, false, SealKinds.Party),
        Create("COLLECTIVE-ASSET-LEASE", "集体资产租赁合同", 2, false, SealKinds.Cooperative),
        Create("COLLECTIVE-HOUSE-TRANSFER", "集体房屋转让", 2, false, SealKinds.Cooperative),
        Create("LAND-CONTRACT-TRANSFER", "土地承包经营权流转", 2, false, SealKinds.Cooperative),
        Create("DIVIDEND-DISTRIBUTION", "股份经济合作社分红", 1, false, SealKinds.Cooperative),
    ];

    private static Matter Create(string code, string name, int approvals, bool houseBuilding, params string[] sealKinds) =>
        new()
        {
            Code = code,
            Name = name,
            ApprovalsRequired = approvals,
            HouseBuilding = houseBuilding,
            AllowedSealKinds = [.. sealKinds],
            CreatedAt = SeededAt,
            UpdatedAt = SeededAt,
        };
}
