using System.CommandLine;
using System.Text;
using SealCabinet.Cloud.Tool.Infrastructure;
using SealCabinet.Contracts.V1;
using Spectre.Console;

namespace SealCabinet.Cloud.Tool.Commands;

/// <summary>Towns, villages, people, roles and the matter catalogue.</summary>
internal static class OrganizationCommands
{
    public static Command Towns()
    {
        var id = new Argument<string>("town-id") { Description = "Town id, e.g. town-yiqiao" };
        var name = new Option<string>("--name") { Description = "Display name", Required = true };
        var create = new Command("create", "Create a town (administrator)") { id, name };
        create.SetAction(Handler.Run(async (parse, ct) =>
        {
            var town = new Town { TownId = Checks.Slug(parse.GetValue(id), "town-id"), Name = Checks.Text(parse.GetValue(name), "--name", 100) };
            using var cloud = CloudConnection.Connect(parse);
            var created = (await cloud.Organization.CreateTownAsync(new CreateTownRequest { Town = town }, cancellationToken: ct)).Town;
            Output.Write(parse, created, () => Output.Properties(("town", created.TownId), ("name", created.Name)));
        }));
        return new Command("towns", "Manage towns") { create };
    }

    public static Command Villages()
    {
        var id = new Argument<string>("village-id") { Description = "Village id, e.g. yiqiao" };
        var town = new Option<string>("--town") { Description = "Town id", Required = true };
        var name = new Option<string>("--name") { Description = "Display name", Required = true };
        var create = new Command("create", "Create a village with its three seals (administrator)") { id, town, name };
        create.SetAction(Handler.Run(async (parse, ct) =>
        {
            var village = new Village
            {
                VillageId = Checks.Slug(parse.GetValue(id), "village-id"),
                TownId = Checks.Slug(parse.GetValue(town), "--town"),
                Name = Checks.Text(parse.GetValue(name), "--name", 100),
            };
            using var cloud = CloudConnection.Connect(parse);
            var created = (await cloud.Organization.CreateVillageAsync(new CreateVillageRequest { Village = village }, cancellationToken: ct)).Village;
            Output.Write(parse, created, () => Output.Properties(
                ("village", created.VillageId), ("town", created.TownId), ("name", created.Name), ("seals", string.Join(", ", created.SealKinds.Select(Output.Name)))));
        }));

        var filterTown = new Option<string?>("--town") { Description = "Only villages of this town" };
        var list = new Command("list", "List the villages in your scope") { filterTown };
        list.SetAction(Handler.Run(async (parse, ct) =>
        {
            var request = new ListVillagesRequest { Page = new PageRequest { PageSize = 500 } };
            if (parse.GetValue(filterTown) is { } t)
            {
                request.TownId = Checks.Slug(t, "--town");
            }

            using var cloud = CloudConnection.Connect(parse);
            var response = await cloud.Organization.ListVillagesAsync(request, cancellationToken: ct);
            Output.Write(parse, response, () =>
            {
                var table = Output.Table("Village", "Town", "Name", "Seals", "Cabinet sign-in", "Roster");
                foreach (var v in response.Villages)
                {
                    table.AddRow(Handler.Escape(v.VillageId), Handler.Escape(v.TownId), Handler.Escape(v.Name), string.Join(", ", v.SealKinds.Select(Output.Name)),
                        Output.Name(v.CabinetAuthPolicy), "v" + v.RosterVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                return table;
            });
        }));

        var policyVillage = new Argument<string>("village-id") { Description = "The village" };
        var policy = new Option<string>("--policy") { Description = "pin, card, pin-or-card or pin-and-card (card first, then its holder's PIN)", Required = true };
        var setPolicy = new Command("set-auth-policy", "Set how custodians authenticate at the village's cabinets (administrator)") { policyVillage, policy };
        setPolicy.SetAction(Handler.Run(async (parse, ct) =>
        {
            var request = new SetCabinetAuthPolicyRequest
            {
                VillageId = Checks.Slug(parse.GetValue(policyVillage), "village-id"),
                Policy = Checks.AuthPolicy(parse.GetValue(policy), "--policy"),
            };
            using var cloud = CloudConnection.Connect(parse);
            var village = (await cloud.Organization.SetCabinetAuthPolicyAsync(request, cancellationToken: ct)).Village;
            Output.Write(parse, village, () => Output.Properties(
                ("village", village.VillageId), ("cabinet sign-in", Output.Name(village.CabinetAuthPolicy)),
                ("roster version", village.RosterVersion.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }));
        return new Command("villages", "Manage villages") { create, list, setPolicy };
    }

    public static Command People()
    {
        var id = new Argument<string>("person-id") { Description = "Person id (the sub of their tokens)" };
        var name = new Option<string>("--name") { Description = "Display name", Required = true };
        var phone = new Option<string?>("--phone") { Description = "Phone for notifications" };
        var upsert = new Command("upsert", "Create or update a person (administrator)") { id, name, phone };
        upsert.SetAction(Handler.Run(async (parse, ct) =>
        {
            var person = new Person
            {
                PersonId = Checks.Text(parse.GetValue(id), "person-id", 128),
                Name = Checks.Text(parse.GetValue(name), "--name", 100),
                Phone = Checks.Text(parse.GetValue(phone), "--phone", 32, required: false),
            };
            using var cloud = CloudConnection.Connect(parse);
            var saved = (await cloud.Organization.UpsertPersonAsync(new UpsertPersonRequest { Person = person }, cancellationToken: ct)).Person;
            Output.Write(parse, saved, () => PersonTable(saved));
        }));
        var inviteId = new Argument<string>("person-id") { Description = "The person to enrol" };
        var hours = new Option<int>("--hours") { Description = "Validity of the code in hours, 1-168", DefaultValueFactory = _ => 72 };
        var console = new Option<string?>("--console") { Description = "The web console's address, e.g. https://seals.example.gov.cn, to print the whole link" };
        var invite = new Command("invite", "Issue a one-time passkey enrolment link for a person (administrator); replaces an unused one")
        {
            inviteId, hours, console,
        };
        invite.SetAction(Handler.Run(async (parse, ct) =>
        {
            var request = new InvitePersonRequest { PersonId = Checks.Text(parse.GetValue(inviteId), "person-id", 128), ValidHours = parse.GetValue(hours) };
            if (request.ValidHours is < 1 or > 168)
            {
                throw new UsageException($"--hours: must be 1-168, was {request.ValidHours}");
            }

            using var cloud = CloudConnection.Connect(parse);
            var invitation = await cloud.Organization.InvitePersonAsync(request, cancellationToken: ct);
            var link = parse.GetValue(console) is { Length: > 0 } origin ? origin.TrimEnd('/') + invitation.EnrolmentPath : invitation.EnrolmentPath;
            Output.Write(parse, invitation, () => Output.Properties(
                ("Person", Handler.Escape(request.PersonId)),
                ("Enrolment link", Handler.Escape(link)),
                ("Expires", invitation.ExpiresTime.ToDateTimeOffset().ToString("u", System.Globalization.CultureInfo.InvariantCulture))));
        }));
        var cardPerson = new Argument<string>("person-id") { Description = "The card's holder" };
        var uid = new Option<string?>("--uid") { Description = "The card's UID in hex as a desk reader shows it (4, 7 or 10 bytes), e.g. 04:A1:B2:C3" };
        var remove = new Option<bool>("--remove") { Description = "Remove the person's card" };
        var setCard = new Command("set-card", "Register, replace or remove a person's NFC access card for the cabinets (administrator)")
        {
            cardPerson, uid, remove,
        };
        setCard.SetAction(Handler.Run(async (parse, ct) =>
        {
            var text = parse.GetValue(uid);
            if (parse.GetValue(remove) == (text is not null))
            {
                throw new UsageException("give either --uid or --remove");
            }

            using var cloud = CloudConnection.Connect(parse);
            var person = (await cloud.Organization.SetAccessCardAsync(
                new SetAccessCardRequest { PersonId = Checks.Text(parse.GetValue(cardPerson), "person-id", 128), CardUid = text ?? "" }, cancellationToken: ct)).Person;
            Output.Write(parse, person, () => PersonTable(person));
        }));
        return new Command("people", "Manage people") { upsert, invite, setCard };
    }

    public static Command Roles()
    {
        var command = new Command("roles", "Assign or revoke role assignments (administrator)");
        foreach (var (verb, assign) in new[] { ("assign", true), ("revoke", false) })
        {
            var id = new Argument<string>("person-id") { Description = "Person id" };
            var role = new Option<string>("--role") { Description = "custodian, approver, supervisor, technician or administrator", Required = true };
            var seal = new Option<string?>("--seal") { Description = "For approvers: party, committee or cooperative" };
            var village = new Option<string?>("--village") { Description = "Village scope" };
            var town = new Option<string?>("--town") { Description = "Town scope (neither: deployment-wide, administrators and supervisors only)" };
            var sub = new Command(verb, assign ? "Give a person a role in a scope" : "Remove a role assignment") { id, role, seal, village, town };
            sub.SetAction(Handler.Run(async (parse, ct) =>
            {
                var personId = Checks.Text(parse.GetValue(id), "person-id", 128);
                var assignment = new RoleAssignment { Role = Checks.RoleName(parse.GetValue(role), "--role") };
                if (parse.GetValue(seal) is { } s)
                {
                    assignment.SealKind = Checks.Seal(s, "--seal");
                }

                if ((assignment.Role == Role.Approver) != (assignment.SealKind != SealKind.Unspecified))
                {
                    throw new UsageException("--seal: required for approvers and only for them");
                }

                var v = parse.GetValue(village);
                var t = parse.GetValue(town);
                if (v is not null && t is not null)
                {
                    throw new UsageException("--village and --town: give one scope, not both");
                }

                if (v is not null)
                {
                    assignment.VillageId = Checks.Slug(v, "--village");
                }

                if (t is not null)
                {
                    assignment.TownId = Checks.Slug(t, "--town");
                }

                using var cloud = CloudConnection.Connect(parse);
                var person = assign
                    ? (await cloud.Organization.AssignRoleAsync(new AssignRoleRequest { PersonId = personId, Assignment = assignment }, cancellationToken: ct)).Person
                    : (await cloud.Organization.RevokeRoleAsync(new RevokeRoleRequest { PersonId = personId, Assignment = assignment }, cancellationToken: ct)).Person;
                Output.Write(parse, person, () => PersonTable(person));
            }));
            command.Add(sub);
        }

        return command;
    }

    public static Command Matters()
    {
        var seal = new Option<string?>("--seal") { Description = "Only matters allowing this seal kind" };
        var list = new Command("list", "List the matter catalogue") { seal };
        list.SetAction(Handler.Run(async (parse, ct) =>
        {
            var request = new ListMattersRequest { Page = new PageRequest { PageSize = 500 } };
            if (parse.GetValue(seal) is { } s)
            {
                request.SealKind = Checks.Seal(s, "--seal");
            }

            using var cloud = CloudConnection.Connect(parse);
            var response = await cloud.Organization.ListMattersAsync(request, cancellationToken: ct);
            Output.Write(parse, response, () =>
            {
                var table = Output.Table("Code", "Name", "Seals", "Approvals", "House building");
                foreach (var m in response.Matters)
                {
                    table.AddRow(Handler.Escape(m.Code), Handler.Escape(m.Name), string.Join(", ", m.AllowedSealKinds.Select(Output.Name)),
                        m.ApprovalsRequired.ToString(System.Globalization.CultureInfo.InvariantCulture), m.HouseBuilding ? "yes" : "");
                }

                return table;
            });
        }));

        var file = new Argument<FileInfo>("csv-file") { Description = "CSV: code,name,seal_kinds,approvals_required[,house_building]" };
        var import = new Command("import", "Import matters from CSV, inserting or updating by code (deployment-wide administrator)") { file };
        import.SetAction(Handler.Run(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                throw new UsageException($"csv-file: {path.FullName} does not exist");
            }

            if (path.Length > 1024 * 1024)
            {
                throw new UsageException("csv-file: at most 1 MiB");
            }

            var csv = await File.ReadAllTextAsync(path.FullName, Encoding.UTF8, ct);
            using var cloud = CloudConnection.Connect(parse);
            var result = await cloud.Organization.ImportMattersAsync(new ImportMattersRequest { Csv = csv }, cancellationToken: ct);
            Output.Write(parse, result, () => Output.Properties(
                ("inserted", result.Inserted.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("updated", result.Updated.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        }));
        return new Command("matters", "The matter catalogue") { list, import };
    }

    private static Table PersonTable(Person person)
    {
        var table = Output.Table("Person", "Name", "Role", "Scope", "Seal", "Cabinet PIN", "Card");
        var pin = person.CabinetPinSet ? "set" : "-";
        var card = person.AccessCardSet ? "registered" : "-";
        if (person.Roles.Count == 0)
        {
            table.AddRow(Handler.Escape(person.PersonId), Handler.Escape(person.Name), "", "", "", pin, card);
        }

        foreach (var r in person.Roles)
        {
            var scope = r.VillageId.Length > 0 ? "village:" + r.VillageId : r.TownId.Length > 0 ? "town:" + r.TownId : "global";
            table.AddRow(Handler.Escape(person.PersonId), Handler.Escape(person.Name), Output.Name(r.Role), Handler.Escape(scope),
                r.SealKind == SealKind.Unspecified ? "" : Output.Name(r.SealKind), pin, card);
        }

        return table;
    }
}
