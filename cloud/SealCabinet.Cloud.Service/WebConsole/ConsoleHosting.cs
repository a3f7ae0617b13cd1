using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;

namespace SealCabinet.Cloud.Service.WebConsole;

/// <summary>
/// Serves the built web console from <see cref="ConsoleOptions.Directory"/> on the service's own endpoints, so the
/// browser calls the gRPC-Web services on the same origin (no CORS). A service without a built console still starts:
/// <c>/</c> then explains that it is missing.
/// </summary>
internal static class ConsoleHosting
{
    public const string NotBuiltMessage =
        "The web console is not installed on this service: its directory was not found (configuration Console:Directory).\n";

    public static void UseConsole(this WebApplication app)
    {
        var directory = Path.GetFullPath(app.Services.GetRequiredService<IOptions<ConsoleOptions>>().Value.Directory);
        if (!System.IO.Directory.Exists(directory))
        {
            app.Logger.LogWarning("No web console: {ConsoleDirectory} does not exist; / answers 404", directory);
            app.MapGet("/", (HttpContext context) =>
            {
                ConsoleHeaders.ApplySecurity(context.Response);
                ConsoleHeaders.ApplyCaching(context.Response, context.Request.Path);
                return Results.Text(NotBuiltMessage, "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
            });
            return;
        }

        // PhysicalFileProvider refuses paths that leave its root (.., absolute paths), and hides dot files.
        var files = new PhysicalFileProvider(directory);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            OnPrepareResponse = prepared =>
            {
                ConsoleHeaders.ApplySecurity(prepared.Context.Response);
                ConsoleHeaders.ApplyCaching(prepared.Context.Response, prepared.Context.Request.Path);
            },
        });
        app.Logger.LogInformation("Web console served from {ConsoleDirectory}", directory);
    }
}
