using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Options;
using SealCabinet.Cloud.Service.Access;
using SealCabinet.Cloud.Service.Common;
using SealCabinet.Cloud.Service.Crypto;
using SealCabinet.Cloud.Service.DeviceGateway;
using SealCabinet.Cloud.Service.Devices;
using SealCabinet.Cloud.Service.Evidence;
using SealCabinet.Cloud.Service.Grants;
using SealCabinet.Cloud.Service.Mqtt;
using SealCabinet.Cloud.Service.Notifications;
using SealCabinet.Cloud.Service.Organization;
using SealCabinet.Cloud.Service.Persistence;
using SealCabinet.Cloud.Service.Recording;
using SealCabinet.Cloud.Service.Requests;
using SealCabinet.Cloud.Service.Rosters;
using SealCabinet.Cloud.Service.Sessions;
using SealCabinet.Cloud.Service.Supervision;
using SealCabinet.Cloud.Service.WebConsole;

namespace SealCabinet.Cloud.Service.Hosting;

/// <summary>Wires the service together; Program.cs only calls these.</summary>
internal static class CloudServiceRegistration
{
    /// <summary>Largest message in either direction: a request with 8 MiB of materials plus its fields.</summary>
    public const int MaxMessageBytes = 10 * 1024 * 1024;

    public static void AddCloudService(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<HostingOptions>(configuration.GetSection(HostingOptions.Section));
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.Section));
        services.Configure<AuthOptions>(configuration.GetSection(AuthOptions.Section));
        services.Configure<CryptoOptions>(configuration.GetSection(CryptoOptions.Section));
        services.AddOptions<MqttOptions>().Bind(configuration.GetSection(MqttOptions.Section))
            .Validate<IHostEnvironment>(
                (mqtt, environment) => environment.IsDevelopment() || mqtt.PlaintextStaysOnThisMachine,
                "MQTT without TLS would carry grants and broker passwords in clear over the network: set Mqtt:UseTls for a broker on another machine "
                + "(plain MQTT only to a broker on this machine, an embedded broker on loopback, or in Development)")
            .ValidateOnStart();
        services.Configure<GrantOptions>(configuration.GetSection(GrantOptions.Section));
        services.Configure<LedgerOptions>(configuration.GetSection(LedgerOptions.Section));
        services.Configure<StatisticsOptions>(configuration.GetSection(StatisticsOptions.Section));
        services.Configure<AnomalyOptions>(configuration.GetSection(AnomalyOptions.Section));
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.Section))
            .Validate(o => !o.DingTalkSigning || o.Secret.Length > 0, $"{WebhookOptions.Section}:DingTalkSigning needs {WebhookOptions.Section}:Secret (the robot's secret)")
            .ValidateOnStart();
        services.Configure<IngestionOptions>(configuration.GetSection(IngestionOptions.Section));
        services.Configure<NotificationStreamOptions>(configuration.GetSection(NotificationStreamOptions.Section));
        services.AddOptions<ApprovalOptions>().Bind(configuration.GetSection(ApprovalOptions.Section))
            .Validate<IOptions<AuthOptions>>(
                (approvals, auth) => approvals.RequireSignature || string.IsNullOrWhiteSpace(auth.Value.Authority),
                "Approvals:RequireSignature=false is for embedded and development set-ups only; with an identity provider (Auth:Authority) every decision must be signed")
            .ValidateOnStart();
        services.AddOptions<RosterOptions>().Bind(configuration.GetSection(RosterOptions.Section))
            .Validate(o => o.PinIterations is >= 1_000 and <= 1_000_000, "CabinetAuthentication:PinIterations must be 1000..1000000")
            .ValidateOnStart();
        services.AddOptions<SignInOptions>().Bind(configuration.GetSection(SignInOptions.Section))
            .PostConfigure<IOptions<AuthOptions>>((signIn, auth) =>
            {
                // The console signs in against the tokens' authority unless told otherwise.
                if (string.IsNullOrWhiteSpace(signIn.Oidc.Authority))
                {
                    signIn.Oidc.Authority = auth.Value.Authority;
                }

                signIn.Oidc.RequireHttpsMetadata ??= auth.Value.RequireHttpsMetadata;
            });
        services.Configure<ConsoleOptions>(configuration.GetSection(ConsoleOptions.Section));
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(20));

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<KeyMaterial>();
        services.AddSingleton(sp => new MasterKeyProtector(sp.GetRequiredService<KeyMaterial>().MasterKey));
        services.AddSingleton<DatabaseEndpoint>();
        services.AddSingleton<Migrator>();
        services.AddSingleton<PostgresConnections>();
        services.AddDbContext<CloudDbContext>((sp, options) =>
            CloudDbContextConfiguration.Configure(options, sp.GetRequiredService<DatabaseEndpoint>().ConnectionString));

        // Hosted services start in this order and stop in reverse: the database first up and last down.
        services.AddSingleton<EmbeddedPostgres>();
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedPostgres>());
        services.AddHostedService<KeyMaterialCheck>();
        services.AddSingleton<ServiceBrokerCredentials>();
        services.AddSingleton<RefusedLoginLog>();
        services.AddSingleton<EmbeddedMqttBroker>();
        services.AddSingleton<IDeviceSessions>(sp => sp.GetRequiredService<EmbeddedMqttBroker>());
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedMqttBroker>());
        services.AddSingleton<CloudMqttClient>();
        services.AddHostedService(sp => sp.GetRequiredService<CloudMqttClient>());
        services.AddSingleton<OutboxSignal>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddSupervision();
        services.AddSingleton<WebhookSignal>();
        services.AddSingleton<NotificationHub>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationHub>());
        services.AddHostedService<WebhookDispatcher>();

        services.AddScoped<CallerAccessor>();
        services.AddScoped<ScopeResolver>();
        services.AddScoped<OrganizationService>();
        services.AddScoped<DeviceService>();
        services.AddScoped<GrantRekeying>();
        services.AddScoped<DeviceAuthenticator>();
        services.AddScoped<RequestWorkflow>();
        services.AddScoped<StatementSignatures>();
        services.AddScoped<DecisionSignatures>();
        services.AddScoped<PasskeyEndorsements>();
        services.AddScoped<RequestEvidence>();
        services.AddScoped<BrowserSessionStore>();
        services.AddScoped<PasskeyCeremonies>();
        services.AddHttpClient(OidcDiscovery.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        services.AddSingleton<OidcDiscovery>();
        services.AddScoped<OidcSignInFlow>();
        services.AddScoped<GrantIssuer>();
        services.AddSingleton<IGrantEncoder, GrantWireEncoder>();
        services.AddScoped<GrantDelivery>();
        services.AddScoped<GrantWithdrawals>();
        services.AddSingleton<IRosterEncoder, RosterWireEncoder>();
        services.AddScoped<RosterBuilder>();
        services.AddScoped<RosterPublisher>();
        services.AddScoped<RosterDelivery>();
        services.AddScoped<IGrantDeliveryListener, RequestDeliveryListener>();

        // Ingestion, evidence and notifications: singletons on plain Npgsql connections (no DbContext per batch).
        services.AddSingleton<DeviceKeyCache>();
        services.AddSingleton<NotificationWriter>();
        services.AddSingleton<SecurityEventRecorder>();
        services.AddSingleton<IEvidenceStore, PostgresEvidenceStore>();
        services.AddSingleton<EvidenceVerifier>();
        services.AddSingleton<EvidenceLinker>();
        services.AddSingleton<EvidenceService>();
        services.AddSingleton<EventProjector>();
        services.AddSingleton<IngestionPipeline>();

        services.AddPeopleAuthentication();
        services.AddGrpc(options =>
        {
            options.MaxReceiveMessageSize = MaxMessageBytes;
            options.MaxSendMessageSize = MaxMessageBytes;
            options.EnableDetailedErrors = false;
            options.Interceptors.Add<ErrorMappingInterceptor>();
            options.Interceptors.Add<AccessInterceptor>();
        });
        services.AddGrpcHealthChecks()
            .AddCheck<DatabaseHealthCheck>("postgres")
            .AddCheck<MqttHealthCheck>("mqtt");
        if (builder.Environment.IsDevelopment())
        {
            services.AddGrpcReflection();
        }
    }

    public static void MapCloudService(this WebApplication app)
    {
        app.UseConsole();
        app.UseAuthentication();
        app.UseGrpcWeb();

        // gRPC-Web for the cabinets (HTTP/1.1 only) and for the web console in people's browsers. No CORS: the console
        // is served by this service, so its calls are same-origin and every other origin stays refused.
        app.MapGrpcService<SessionsGrpcService>().EnableGrpcWeb();
        app.MapGrpcService<DevicesGrpcService>().EnableGrpcWeb();
        app.MapGrpcService<OrganizationGrpcService>().EnableGrpcWeb();
        app.MapGrpcService<RequestsGrpcService>().EnableGrpcWeb();
        app.MapGrpcService<DeviceGatewayGrpcService>().EnableGrpcWeb();
        app.MapGrpcService<AuditGrpcService>().EnableGrpcWeb();
        app.MapGrpcService<NotificationsGrpcService>().EnableGrpcWeb();
        app.MapGrpcHealthChecksService();
        if (app.Environment.IsDevelopment())
        {
            app.MapGrpcReflectionService();
        }
    }
}
