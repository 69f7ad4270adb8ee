using Framecast.Api.Endpoints;

namespace Framecast.Api.Hosting;

/// <summary>The automation endpoints in front of the automation grains (whose store and settings the silo registers).</summary>
public static class AutomationsComposition
{
    public static void MapAutomations(this WebApplication app) => app.MapAutomationEndpoints();
}
