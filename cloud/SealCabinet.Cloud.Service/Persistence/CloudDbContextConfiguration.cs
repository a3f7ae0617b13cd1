using Microsoft.EntityFrameworkCore;

namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>The one place the provider options are set, shared by the service, the migrator and design time.</summary>
internal static class CloudDbContextConfiguration
{
    public static void Configure(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
            .UseSnakeCaseNamingConvention();
}
