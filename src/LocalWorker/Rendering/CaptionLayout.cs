using System.Text;

namespace Framecast.LocalWorker.Rendering;

/// <summary>Wraps a prompt into the lines that fit a frame; drawtext does not wrap by itself.</summary>
public static class CaptionLayout
{
    public static int FontSize(int height) => Math.Max(10, height / 12);

    public static string Wrap(string text, int width, int height)
    {
        var fontSize = FontSize(height);
        // DejaVu Sans averages about 0.55 em per character; keep a 5% margin each side.
        var charsPerLine = Math.Max(8, (int)(width * 0.9 / (fontSize * 0.55)));
        var maxLines = Math.Max(1, (int)(height * 0.7 / (fontSize * 1.3)));

        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(word => Chunk(word, charsPerLine));
        var lines = new List<StringBuilder> { new() };
        foreach (var word in words)
        {
            var line = lines[^1];
            if (line.Length > 0 && line.Length + 1 + word.Length > charsPerLine)
            {
                line = new StringBuilder();
                lines.Add(line);
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        if (lines.Count > maxLines)
        {
            lines = lines.Take(maxLines).ToList();
            var last = lines[^1];
            if (last.Length >= charsPerLine)
            {
                last.Length = charsPerLine - 1;
            }

            last.Append('…');
        }

        return string.Join('\n', lines.Select(l => l.ToString()));
    }

    private static IEnumerable<string> Chunk(string word, int size)
    {
        for (var i = 0; i < word.Length; i += size)
        {
            yield return word.Substring(i, Math.Min(size, word.Length - i));
        }
    }
}
