using SealCabinet.Cloud.Service.Hosting;

return await CloudHost.RunAsync(args);
