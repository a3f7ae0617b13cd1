using System.CommandLine;
using System.Text.Json;
using SealCabinet.Cloud.Tool.Infrastructure;

namespace SealCabinet.Cloud.Tool.Commands;

/// <summary><c>sealctl token</c>: a development token signed with the embedded service's key.</summary>
internal static class TokenCommand
{
    public static Command Create()
    {
        var person = new Option<string>("--person") { Description = "Person id (the token's sub)", Required = true };
        var roles = new Option<string[]>("--role")
        {
            Description = "Role claim, repeatable: custodian@village:ID, approver:COMMITTEE@village:ID, supervisor@town:ID, administrator@global",
            AllowMultipleArgumentsPerToken = false,
        };
        var dataDir = new Option<string>("--data-dir")
        {
            Description = "The embedded service's data directory (Hosting:DataDirectory)",
            DefaultValueFactory = _ => ".data",
        };
        var hours = new Option<int>("--hours") { Description = "Lifetime in hours (1..24)", DefaultValueFactory = _ => 8 };
        var command = new Command("token", "Mint a development token (embedded mode only: reads {data-dir}/dev-auth.json)")
        {
            person, roles, dataDir, hours,
        };
        command.SetAction(Handler.Run((parse, _) =>
        {
            var id = Checks.Text(parse.GetValue(person), "--person", 128);
            var claims = (parse.GetValue(roles) ?? []).Select(r => Checks.RoleClaim(r, "--role")).ToList();
            var lifetime = parse.GetValue(hours);
            if (lifetime is < 1 or > 24)
            {
                throw new UsageException("--hours: must be 1..24");
            }

            var token = DevelopmentToken.Mint(Path.GetFullPath(parse.GetValue(dataDir)!), id, claims, TimeSpan.FromHours(lifetime), DateTimeOffset.UtcNow);
            Console.Out.WriteLine(parse.GetValue(GlobalOptions.Json) ? JsonSerializer.Serialize(new { token }) : token);
            return Task.CompletedTask;
        }));
        return command;
    }
}
