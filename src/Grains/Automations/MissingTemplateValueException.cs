namespace Framecast.Grains.Automations;

/// <summary>A placeholder had no value at fire time (a payload without the field, a manual run of an asset automation).</summary>
public sealed class MissingTemplateValueException(string placeholder)
    : Exception($"The placeholder {{{{{placeholder}}}}} has no value in this firing.")
{
    public string Placeholder { get; } = placeholder;
}
