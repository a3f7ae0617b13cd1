using SealCabinet.Cloud.Service.Recording;

namespace SealCabinet.Cloud.Service.Supervision;

/// <summary>Wires the ledger, statistics and anomaly detection.</summary>
internal static class SupervisionRegistration
{
    public static void AddSupervision(this IServiceCollection services)
    {
        services.AddSingleton<LedgerKeySource>();
        services.AddHostedService<TreeHeadSigningService>();
        services.AddScoped<LedgerAppender>();
        services.AddScoped<LedgerService>();
        services.AddScoped<DeniedDecisionLog>();
        services.AddScoped<StatisticsService>();
        services.AddScoped<SupervisorNotifier>();
        services.AddScoped<AnomalyService>();
        services.AddScoped<BuildingRecordImport>();
        services.AddScoped<DocumentSwapChecker>();
        services.AddHostedService<AnomalyDetectionService>();
    }
}
