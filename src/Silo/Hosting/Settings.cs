using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Framecast.Silo.Hosting;

/// <summary>
/// Settings through the Options pattern: each options class names its environment variables with
/// <c>[ConfigurationKeyName]</c>, is bound from configuration, and is validated by its data annotations
/// when the host starts, so a malformed or out-of-range value stops the process with the variable's name.
/// </summary>
public static class Settings
{
    /// <summary>Binds and validates <typeparamref name="T"/> at start; consumers take <c>IOptions&lt;T&gt;</c> or <typeparamref name="T"/> itself.</summary>
    public static IServiceCollection AddSettings<T>(this IServiceCollection services, IConfiguration configuration) where T : class
    {
        services.AddOptions<T>().Bind(configuration).ValidateDataAnnotations().ValidateOnStart();
        // Settings never change while a process runs, so plain singletons are enough for most consumers.
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        return services;
    }

    /// <summary>The same binding and validation, for the few settings needed while the host is being built (Orleans' endpoints).</summary>
    public static T Read<T>(IConfiguration configuration) where T : class, new()
    {
        var settings = configuration.Get<T>() ?? new T();
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), problems, validateAllProperties: true))
        {
            throw new OptionsValidationException(typeof(T).Name, typeof(T), problems.Select(p => p.ErrorMessage ?? "invalid"));
        }
        return settings;
    }
}
