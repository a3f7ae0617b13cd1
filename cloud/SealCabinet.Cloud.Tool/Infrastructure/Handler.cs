using System.CommandLine;
using Grpc.Core;
using Spectre.Console;

namespace SealCabinet.Cloud.Tool.Infrastructure;

/// <summary>Runs a command body, turning usage and RPC errors into a message and an exit code.</summary>
internal static class Handler
{
    public const int UsageError = 2;
    public const int CloudError = 3;

    public static Func<ParseResult, CancellationToken, Task<int>> Run(Func<ParseResult, CancellationToken, Task> body) =>
        async (parse, ct) =>
        {
            try
            {
                await body(parse, ct);
                return 0;
            }
            catch (UsageException e)
            {
                Console.Error.WriteLine("sealctl: " + e.Message);
                return UsageError;
            }
            catch (RpcException e)
            {
                Console.Error.WriteLine($"sealctl: the cloud answered {e.StatusCode}: {e.Status.Detail}");
                return CloudError;
            }
        };

    public static string Escape(string text) => Markup.Escape(text);
}
