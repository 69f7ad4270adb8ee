namespace Framecast.Cli.Configuration;

/// <summary>
/// The stored login, in the user's config directory (<c>$XDG_CONFIG_HOME/framecast</c>, else <c>~/.config/framecast</c>)
/// and readable by the user alone: the directory is 0700 and the file 0600 from the moment it exists.
/// </summary>
public static class LoginStore
{
    public static string Directory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData, Environment.SpecialFolderOption.Create), "framecast");

    public static string FilePath => Path.Combine(Directory, "credentials.json");

    public static StoredLogin? Load()
    {
        try
        {
            return File.Exists(FilePath) ? JsonSerializer.Deserialize<StoredLogin>(File.ReadAllText(FilePath)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static void Save(StoredLogin login)
    {
        var directory = System.IO.Directory.CreateDirectory(Directory);
        if (!OperatingSystem.IsWindows())
        {
            directory.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }
        // Written to a private temporary file and moved over the old one, so the token is never readable by others.
        var temporary = FilePath + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, login);
        }
        File.Move(temporary, FilePath, overwrite: true);
    }

    public static bool Delete()
    {
        if (!File.Exists(FilePath))
        {
            return false;
        }
        File.Delete(FilePath);
        return true;
    }
}
