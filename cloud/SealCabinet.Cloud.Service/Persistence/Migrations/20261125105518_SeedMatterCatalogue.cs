using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SealCabinet.Cloud.Service.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SeedMatterCatalogue : Migration
    {
        private static readonly DateTimeOffset SeededAt = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);

        /// <summary>
        /// The starter matter catalogue: the article's examples and the other matters a village service centre
        /// stamps most. Deployments import their full list (176 in the reference district) with ImportMatters.
        /// </summary>
        private static readonly object[,] Matters =
        {
            { "BIZ-PREMISES", "经营场所证明", new[] { "COMMITTEE" }, 1, false, SeededAt, SeededAt },
            { "HOUSE-BUILDING", "建房申请", new[] { "COMMITTEE" }, 2, true, SeededAt, SeededAt },
            { "PARTY-TRANSFER-IN", "党组织关系转入", new[] { "PARTY" }, 1, false, SeededAt, SeededAt },
            { "PARTY-TRANSFER-OUT", "党组织关系转出", new[] { "PARTY" }, 1, false, SeededAt, SeededAt },
            { "EV-CHARGER", "私人充电桩安装同意", new[] { "COMMITTEE" }, 1, false, SeededAt, SeededAt },
            { "LABOUR-HIRING", "劳务用工", new[] { "COOPERATIVE", "COMMITTEE" }, 1, false, SeededAt, SeededAt },
            { "RESIDENCE-PROOF", "居住证明", new[] { "COMMITTEE" }, 1, false, SeededAt, SeededAt },
            { "KINSHIP-PROOF", "亲属关系证明", new[] { "COMMITTEE" }, 1, false, SeededAt, SeededAt },
            { "HARDSHIP-PROOF", "家庭经济困难证明", new[] { "COMMITTEE" }, 1, false, SeededAt, SeededAt },
            { "SUBSISTENCE-ALLOWANCE", "最低生活保障申请", new[] { "COMMITTEE" }, 2, false, SeededAt, SeededAt },
            { "FARM-SUBSIDY", "农业补贴申请", new[] { "COMMITTEE" }, 1, false, SeededAt, SeededAt },
            { "PARTY-MEMBER-PROOF", "党员身份证明", new[] { "PARTY" }, 1, false, SeededAt, SeededAt },
            { "PARTY-DUES-RECEIPT", "党费收缴凭证", new[] { "PARTY" }, 1, false, SeededAt, SeededAt },
            { "COLLECTIVE-ASSET-LEASE", "集体资产租赁合同", new[] { "COOPERATIVE" }, 2, false, SeededAt, SeededAt },
            { "COLLECTIVE-HOUSE-TRANSFER", "集体房屋转让", new[] { "COOPERATIVE" }, 2, false, SeededAt, SeededAt },
            { "LAND-CONTRACT-TRANSFER", "土地承包经营权流转", new[] { "COOPERATIVE" }, 2, false, SeededAt, SeededAt },
            { "DIVIDEND-DISTRIBUTION", "股份经济合作社分红", new[] { "COOPERATIVE" }, 1, false, SeededAt, SeededAt },
        };

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "matters",
                columns: ["code", "name", "allowed_seal_kinds", "approvals_required", "house_building", "created_at", "updated_at"],
                columnTypes: ["character varying(32)", "character varying(100)", "text[]", "integer", "boolean", "timestamp with time zone", "timestamp with time zone"],
                values: Matters);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            for (var i = 0; i < Matters.GetLength(0); i++)
            {
                migrationBuilder.DeleteData(table: "matters", keyColumn: "code", keyValue: Matters[i, 0]);
            }
        }
    }
}
