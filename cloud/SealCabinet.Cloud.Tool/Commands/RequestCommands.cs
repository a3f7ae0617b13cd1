using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using SealCabinet.Cloud.Tool.Infrastructure;
using SealCabinet.Contracts.V1;
using Spectre.Console;

namespace SealCabinet.Cloud.Tool.Commands;

/// <summary>Seal-use request commands.</summary>
internal static class RequestCommands
{
    private const long MaxMaterialBytes = 4 * 1024 * 1024;
    private const long MaxTotalBytes = 8 * 1024 * 1024;

    public static Command Create() => new("requests", "File, decide and list seal-use requests") { Submit(), Approve(), Reject(), List() };

    private static Command Submit()
    {
        var village = new Option<string>("--village") { Description = "Village", Required = true };
        var seal = new Option<string>("--seal") { Description = "party, committee or cooperative", Required = true };
        var matter = new Option<string>("--matter") { Description = "Matter code, e.g. BIZ-PREMISES", Required = true };
        var applicant = new Option<string>("--applicant") { Description = "The villager the document is for", Required = true };
        var purpose = new Option<string>("--purpose") { Description = "Why the seal is needed", Required = true };
        var copies = new Option<int>("--copies") { Description = "Number of copies (presses), 1..20", DefaultValueFactory = _ => 1 };
        var materials = new Option<FileInfo[]>("--material") { Description = "Scanned material, repeatable; the first is the document to stamp", Required = true };
        var key = new Option<string?>("--idempotency-key") { Description = "Retry key: the same key returns the same request" };
        var command = new Command("submit", "File a seal-use request (custodian)") { village, seal, matter, applicant, purpose, copies, materials, key };
        command.SetAction(Handler.Run(async (parse, ct) =>
        {
            var request = new SubmitRequestRequest
            {
                VillageId = Checks.Slug(parse.GetValue(village), "--village"),
                SealKind = Checks.Seal(parse.GetValue(seal), "--seal"),
                MatterCode = Checks.MatterCode(parse.GetValue(matter), "--matter"),
                ApplicantName = Checks.Text(parse.GetValue(applicant), "--applicant", 100),
                Purpose = Checks.Text(parse.GetValue(purpose), "--purpose", 500),
                Copies = (uint)Checks.Copies(parse.GetValue(copies), "--copies"),
                IdempotencyKey = Checks.Text(parse.GetValue(key), "--idempotency-key", 100, required: false),
            };
            long total = 0;
            foreach (var file in parse.GetValue(materials) ?? [])
            {
                if (!file.Exists)
                {
                    throw new UsageException($"--material: {file.FullName} does not exist");
                }

                if (file.Length == 0 || file.Length > MaxMaterialBytes)
                {
                    throw new UsageException($"--material: {file.Name} is {file.Length} bytes; each material must be 1 byte to 4 MiB");
                }

                total += file.Length;
                request.Materials.Add(new Material
                {
                    FileName = file.Name,
                    ContentType = ContentType(file.Extension),
                    Content = ByteString.CopyFrom(await File.ReadAllBytesAsync(file.FullName, ct)),
                });
            }

            if (total > MaxTotalBytes)
            {
                throw new UsageException($"--material: {total} bytes in total; at most 8 MiB per request");
            }

            using var cloud = CloudConnection.Connect(parse);
            var filed = (await cloud.Requests.SubmitRequestAsync(request, cancellationToken: ct)).Request;
            Output.Write(parse, filed, () => RequestDetail(filed));
        }));
        return command;
    }

    private static Command Approve()
    {
        var id = new Argument<string>("request-id") { Description = "Request id" };
        var comment = new Option<string?>("--comment") { Description = "Comment" };
        var command = new Command("approve", "Approve a request (approver of its seal kind in its village)") { id, comment };
        command.SetAction(Handler.Run(async (parse, ct) =>
        {
            var request = new ApproveRequestRequest
            {
                RequestId = Checks.Uuid(parse.GetValue(id), "request-id"),
                Comment = Checks.Text(parse.GetValue(comment), "--comment", 500, required: false),
            };
            using var cloud = CloudConnection.Connect(parse);
            var response = await cloud.Requests.ApproveRequestAsync(request, cancellationToken: ct);
            Output.Write(parse, response, () => RequestDetail(response.Request));
        }));
        return command;
    }

    private static Command Reject()
    {
        var id = new Argument<string>("request-id") { Description = "Request id" };
        var comment = new Option<string>("--comment") { Description = "Why (required)", Required = true };
        var command = new Command("reject", "Reject a request with a comment (approver)") { id, comment };
        command.SetAction(Handler.Run(async (parse, ct) =>
        {
            var request = new RejectRequestRequest
            {
                RequestId = Checks.Uuid(parse.GetValue(id), "request-id"),
                Comment = Checks.Text(parse.GetValue(comment), "--comment", 500),
            };
            using var cloud = CloudConnection.Connect(parse);
            var response = await cloud.Requests.RejectRequestAsync(request, cancellationToken: ct);
            Output.Write(parse, response, () => RequestDetail(response.Request));
        }));
        return command;
    }

    private static Command List()
    {
        var village = new Option<string?>("--village") { Description = "Only this village" };
        var town = new Option<string?>("--town") { Description = "Only this town" };
        var states = new Option<string[]>("--state") { Description = "Only these states (repeatable): submitted, approved, rejected, …" };
        var seal = new Option<string?>("--seal") { Description = "Only this seal kind" };
        var size = new Option<int>("--limit") { Description = "At most this many (1..500)", DefaultValueFactory = _ => 50 };
        var command = new Command("list", "List requests in your scope, newest first") { village, town, states, seal, size };
        command.SetAction(Handler.Run(async (parse, ct) =>
        {
            var limit = parse.GetValue(size);
            if (limit is < 1 or > 500)
            {
                throw new UsageException("--limit: must be 1..500");
            }

            var request = new ListRequestsRequest { Page = new PageRequest { PageSize = limit } };
            if (parse.GetValue(village) is { } v)
            {
                request.VillageId = Checks.Slug(v, "--village");
            }

            if (parse.GetValue(town) is { } t)
            {
                request.TownId = Checks.Slug(t, "--town");
            }

            if (parse.GetValue(seal) is { } s)
            {
                request.SealKind = Checks.Seal(s, "--seal");
            }

            request.States.AddRange((parse.GetValue(states) ?? []).Select(x => Checks.State(x, "--state")));
            using var cloud = CloudConnection.Connect(parse);
            var response = await cloud.Requests.ListRequestsAsync(request, cancellationToken: ct);
            Output.Write(parse, response, () =>
            {
                var table = Output.Table("Request", "Village", "Seal", "Matter", "Applicant", "Copies", "State", "Custodian", "Submitted");
                foreach (var r in response.Requests)
                {
                    table.AddRow(r.RequestId, Handler.Escape(r.VillageId), Output.Name(r.SealKind), Handler.Escape(r.MatterCode), Handler.Escape(r.ApplicantName),
                        r.Copies.ToString(CultureInfo.InvariantCulture), Output.Name(r.State), Handler.Escape(r.CustodianId), Output.Time(r.SubmittedTime));
                }

                return table;
            });
        }));
        return command;
    }

    private static Table RequestDetail(SealRequest r)
    {
        var rows = new List<(string, string)>
        {
            ("request", r.RequestId),
            ("state", Output.Name(r.State)),
            ("village", r.VillageId),
            ("seal", Output.Name(r.SealKind)),
            ("matter", r.MatterCode),
            ("applicant", r.ApplicantName),
            ("purpose", r.Purpose),
            ("copies", r.Copies.ToString(CultureInfo.InvariantCulture)),
            ("custodian", r.CustodianId),
            ("cabinet", r.DeviceId),
        };
        rows.AddRange(r.Materials.Select(m => ("material", $"{m.FileName} ({m.Size} bytes, sha256 {Convert.ToHexStringLower(m.Sha256.ToByteArray())})")));
        rows.AddRange(r.Decisions.Select(d => ("decision", $"{(d.Approved ? "approved" : "rejected")} by {d.ApproverId} {d.Comment}".Trim())));
        rows.AddRange(r.Grants.Select(g => ("grant", $"{g.GrantId} counter {g.Counter} {Output.Name(g.State)} until {Output.Time(g.ExpiresTime)}")));
        return Output.Properties([.. rows]);
    }

    private static string ContentType(string extension) => extension.ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".pdf" => "application/pdf",
        _ => "application/octet-stream",
    };
}
