using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SealCabinet.Cloud.Service.Persistence;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the service or a database.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CloudDbContext>
{
    public CloudDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CloudDbContext>();
        CloudDbContextConfiguration.Configure(options, "Host=localhost;Database=sealcabinet_design");
        return new CloudDbContext(options.Options);
    }
}
