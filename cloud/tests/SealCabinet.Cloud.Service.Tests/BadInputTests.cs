using Google.Protobuf;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using SealCabinet.Cloud.Service.Tests.Infrastructure;
using SealCabinet.Contracts.V1;
using Village = SealCabinet.Cloud.Service.Tests.Infrastructure.Village;

namespace SealCabinet.Cloud.Service.Tests;

/// <summary>Bad input gets the right status and a message naming the field, and changes nothing.</summary>
[TestFixture]
public sealed class BadInputTests
{
    private CloudServiceHost _host = null!;
    private Village _village = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => _host = await CloudServiceHost.StartAsync("bad-input");

    [OneTimeTearDown]
    public async Task StopAsync() => await _host.DisposeAsync();

    [SetUp]
    public async Task NewVillageAsync() => _village = await Village.CreateUniqueAsync(_host, "bad");

    public static IEnumerable<TestCaseData> BadSubmissions()
    {
        yield return Case("an unspecified seal kind", r => r.SealKind = SealKind.Unspecified, StatusCode.InvalidArgument, "seal_kind:");
        yield return Case("an unknown seal kind number", r => r.SealKind = (SealKind)42, StatusCode.InvalidArgument, "seal_kind:");
        yield return Case("no matter code", r => r.MatterCode = "", StatusCode.InvalidArgument, "matter_code:");
        yield return Case("a malformed matter code", r => r.MatterCode = "biz premises", StatusCode.InvalidArgument, "matter_code:");
        yield return Case("an unknown matter", r => r.MatterCode = "NO-SUCH-MATTER", StatusCode.NotFound, "matter_code:");
        yield return Case("no applicant", r => r.ApplicantName = "  ", StatusCode.InvalidArgument, "applicant_name:");
        yield return Case("a too long applicant", r => r.ApplicantName = new string('王', 101), StatusCode.InvalidArgument, "applicant_name:");
        yield return Case("no purpose", r => r.Purpose = "", StatusCode.InvalidArgument, "purpose:");
        yield return Case("a too long purpose", r => r.Purpose = new string('x', 501), StatusCode.InvalidArgument, "purpose:");
        yield return Case("zero copies", r => r.Copies = 0, StatusCode.InvalidArgument, "copies:");
        yield return Case("21 copies", r => r.Copies = 21, StatusCode.InvalidArgument, "copies:");
        yield return Case("no materials", r => r.Materials.Clear(), StatusCode.InvalidArgument, "materials:");
        yield return Case("an empty material", r => r.Materials[0].Content = ByteString.Empty, StatusCode.InvalidArgument, "materials[0].content:");
        yield return Case("a material without a file name", r => r.Materials[1].FileName = "", StatusCode.InvalidArgument, "materials[1].file_name:");
        yield return Case("a material without a content type", r => r.Materials[0].ContentType = "", StatusCode.InvalidArgument, "materials[0].content_type:");
        yield return Case("a material over 4 MiB", r => r.Materials[0].Content = ByteString.CopyFrom(new byte[(4 * 1024 * 1024) + 1]), StatusCode.InvalidArgument, "materials[0].content:");
        yield return Case("materials over 8 MiB in total", r =>
        {
            r.Materials[0].Content = ByteString.CopyFrom(new byte[4 * 1024 * 1024]);
            r.Materials[1].Content = ByteString.CopyFrom(new byte[4 * 1024 * 1024]);
            r.Materials.Add(new Material { FileName = "x.jpg", ContentType = "image/jpeg", Content = ByteString.CopyFrom(new byte[10]) });
        }, StatusCode.InvalidArgument, "materials:");
        yield return Case("a malformed village id", r => r.VillageId = "Bad Village", StatusCode.InvalidArgument, "village_id:");
        yield return Case("an unknown village", r => r.VillageId = "nowhere", StatusCode.NotFound, "village_id:");
    }

    [TestCaseSource(nameof(BadSubmissions))]
    public async Task Submit_with_bad_input_is_refused_naming_the_field_and_stores_nothing(Action<SubmitRequestRequest> spoil, StatusCode status, string field)
    {
        var submission = _village.CommitteeSubmission();
        spoil(submission);
        var before = await CountAsync();

        var error = Assert.ThrowsAsync<RpcException>(async () => await _village.Custodian.Requests.SubmitRequestAsync(submission));

        Assert.That(error!.StatusCode, Is.EqualTo(status));
        Assert.That(error.Status.Detail, Does.StartWith(field));
        Assert.That(await CountAsync(), Is.EqualTo(before));
    }

    [TestCase("", StatusCode.InvalidArgument)]
    [TestCase("not-a-uuid", StatusCode.InvalidArgument)]
    [TestCase("6f1c1d3e-0000-4000-8000-000000000000", StatusCode.NotFound)]
    public void Approve_of_a_bad_request_id_names_the_field(string requestId, StatusCode status)
    {
        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await _village.CommitteeApprover.Requests.ApproveRequestAsync(new ApproveRequestRequest { RequestId = requestId }));

        Assert.That(error!.StatusCode, Is.EqualTo(status));
        Assert.That(error.Status.Detail, Does.StartWith("request_id:"));
    }

    [Test]
    public async Task Reject_without_a_comment_is_invalid_and_leaves_the_request_submitted()
    {
        var request = await _village.SubmitAsync();

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await _village.CommitteeApprover.Requests.RejectRequestAsync(new RejectRequestRequest { RequestId = request.RequestId, Comment = " " }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.StartWith("comment:"));
        var after = (await _village.Supervisor.Requests.GetRequestAsync(new GetRequestRequest { RequestId = request.RequestId })).Request;
        Assert.That(after.State, Is.EqualTo(RequestState.Submitted));
    }

    [Test]
    public void Creating_an_existing_town_is_already_exists()
    {
        var error = Assert.ThrowsAsync<RpcException>(async () => await Village.GlobalAdministrator(_host).Organization.CreateTownAsync(
            new CreateTownRequest { Town = new Town { TownId = _village.TownId, Name = "again" } }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.AlreadyExists));
        Assert.That(error.Status.Detail, Does.StartWith("town.town_id:"));
    }

    [Test]
    public void Creating_a_village_in_an_unknown_town_is_not_found()
    {
        var error = Assert.ThrowsAsync<RpcException>(async () => await Village.GlobalAdministrator(_host).Organization.CreateVillageAsync(
            new CreateVillageRequest { Village = new Contracts.V1.Village { VillageId = "orphan", TownId = "town-nowhere", Name = "孤村" } }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.NotFound));
        Assert.That(error.Status.Detail, Does.StartWith("village.town_id:"));
    }

    [TestCase(0u, "sleeves.number:")]
    [TestCase(4u, "sleeves.number:")]
    public async Task Registering_a_cabinet_with_a_bad_sleeve_is_invalid_and_registers_nothing(uint number, string field)
    {
        var before = await CountCabinetsAsync();
        var error = Assert.ThrowsAsync<RpcException>(async () => await _village.Technician.Devices.RegisterCabinetAsync(new RegisterCabinetRequest
        {
            VillageId = _village.VillageId,
            Name = "bad sleeves",
            Sleeves =
            {
                new Sleeve { Number = number, SealKind = SealKind.Party },
                new Sleeve { Number = 2, SealKind = SealKind.Committee },
                new Sleeve { Number = 3, SealKind = SealKind.Cooperative },
            },
        }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.StartWith(field));
        Assert.That(await CountCabinetsAsync(), Is.EqualTo(before));
    }

    [Test]
    public void Registering_a_cabinet_missing_a_seal_of_the_village_is_invalid()
    {
        var error = Assert.ThrowsAsync<RpcException>(async () => await _village.Technician.Devices.RegisterCabinetAsync(new RegisterCabinetRequest
        {
            VillageId = _village.VillageId,
            Name = "two sleeves",
            Sleeves = { new Sleeve { Number = 1, SealKind = SealKind.Party }, new Sleeve { Number = 2, SealKind = SealKind.Committee } },
        }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.StartWith("sleeves:"));
    }

    [Test]
    public void Assigning_an_approver_role_without_a_seal_kind_is_invalid()
    {
        var error = Assert.ThrowsAsync<RpcException>(async () => await Village.GlobalAdministrator(_host).Organization.AssignRoleAsync(new AssignRoleRequest
        {
            PersonId = "root-admin",
            Assignment = new RoleAssignment { Role = Role.Approver, VillageId = _village.VillageId },
        }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
    }

    [Test]
    public async Task Importing_a_catalogue_with_a_bad_line_names_the_line_and_imports_nothing()
    {
        const string csv = "code,name,seal_kinds,approvals_required\nGOOD-ONE,好的,COMMITTEE,1\nBAD-ONE,坏的,TREASURY,1\n";
        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await Village.GlobalAdministrator(_host).Organization.ImportMattersAsync(new ImportMattersRequest { Csv = csv }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.StartWith("csv: line 3: seal_kinds:"));
        await using var db = _host.CreateDbContext();
        Assert.That(await db.Matters.AnyAsync(m => m.Code == "GOOD-ONE"), Is.False);
    }

    [Test]
    public void A_bad_page_token_is_invalid()
    {
        var error = Assert.ThrowsAsync<RpcException>(async () => await _village.Supervisor.Requests.ListRequestsAsync(
            new ListRequestsRequest { VillageId = _village.VillageId, Page = new PageRequest { PageToken = "garbage!" } }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.StartWith("page.page_token:"));
    }

    [Test]
    public void An_out_of_range_timestamp_filter_is_invalid()
    {
        var error = Assert.ThrowsAsync<RpcException>(async () => await _village.Supervisor.Requests.ListRequestsAsync(new ListRequestsRequest
        {
            VillageId = _village.VillageId,
            SubmittedAfter = new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = 1, Nanos = -5 },
        }));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(error.Status.Detail, Does.StartWith("submitted_after:"));
    }

    [Test]
    public void A_token_with_a_malformed_role_claim_is_unauthenticated()
    {
        var clients = _host.As("someone", "overlord@village:bad");

        var error = Assert.ThrowsAsync<RpcException>(async () => await clients.Organization.ListMattersAsync(new ListMattersRequest()));

        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Unauthenticated));
        Assert.That(error.Status.Detail, Does.Contain("sealcabinet_roles"));
    }

    private static TestCaseData Case(string name, Action<SubmitRequestRequest> spoil, StatusCode status, string field) =>
        new TestCaseData(spoil, status, field).SetName($"Submit with {name} is {status} naming {field.TrimEnd(':')}");

    private async Task<int> CountAsync()
    {
        await using var db = _host.CreateDbContext();
        return await db.Requests.CountAsync() + await db.Materials.CountAsync();
    }

    private async Task<int> CountCabinetsAsync()
    {
        await using var db = _host.CreateDbContext();
        return await db.Cabinets.CountAsync();
    }
}
