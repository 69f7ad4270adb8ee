using System.Buffers.Binary;
using System.Text;
using Framecast.Grains.SystemAssets;

namespace Framecast.Silo.SystemAssets;

/// <summary>
/// The catalog's preview files, synthesized: WAV, PCM 16-bit mono at 16,000 Hz, exactly the entry's duration, so the
/// file is <see cref="HeaderBytes"/> + 2 × round(duration × 16000) bytes — the size the migration stores. Each category
/// has a sound of its own (noise bursts and sweeps for sfx, filtered noise beds for ambient, chords for music,
/// rising or falling sweeps for transitions), varied per entry by a stable hash of its id, so an id always gives the
/// same sound on every silo.
/// </summary>
public static class PreviewSynthesizer
{
    public const string ContentType = "audio/wav";
    public const int SampleRate = 16_000;
    public const int HeaderBytes = 44;
    private const double Peak = 0.6;

    public static bool CanSynthesize(SystemAsset asset) => asset.ContentType == ContentType && asset.DurationSeconds > 0;

    public static int SampleCount(decimal durationSeconds) =>
        (int)Math.Round(durationSeconds * SampleRate, MidpointRounding.AwayFromZero);

    public static byte[] Synthesize(SystemAsset asset)
    {
        if (!CanSynthesize(asset))
            throw new ArgumentException($"'{asset.Id}' is not a WAV with a duration", nameof(asset));
        var seed = Fnv1a(asset.Id);
        var samples = new double[SampleCount(asset.DurationSeconds!.Value)];
        var random = new XorShift(seed);
        switch (asset.Category)
        {
            case SystemAssetCategories.Sfx:
                Bursts(samples, seed, random);
                break;
            case SystemAssetCategories.Ambient:
                Bed(samples, seed, random);
                break;
            case SystemAssetCategories.Music:
                Chords(samples, seed);
                break;
            default:
                Sweep(samples, rising: seed % 2 == 0, random);
                break;
        }
        return Wav(samples);
    }

    /// <summary>One to a few noise bursts, each with a pitch sweep inside, decaying fast: a hit, a click, steps.</summary>
    private static void Bursts(double[] samples, uint seed, XorShift random)
    {
        var seconds = samples.Length / (double)SampleRate;
        // Long effects (applause, footsteps, typing) are many short events; short ones one or two.
        var count = Math.Max(1, (int)(seconds * (2 + seed % 5)));
        var from = 300.0 + seed % 1200;
        var to = from * (seed % 3 == 0 ? 0.4 : 2.5);
        var length = samples.Length / count;
        for (var burst = 0; burst < count; burst++)
        {
            var start = burst * length;
            var phase = 0.0;
            for (var i = 0; i < length && start + i < samples.Length; i++)
            {
                var t = i / (double)length;
                phase += 2 * Math.PI * (from + (to - from) * t) / SampleRate;
                var decay = Math.Exp(-6 * t);
                samples[start + i] = decay * (0.5 * random.Next() + 0.5 * Math.Sin(phase));
            }
        }
    }

    /// <summary>Low-passed noise with a slow swell: murmur, rain, traffic, machinery.</summary>
    private static void Bed(double[] samples, uint seed, XorShift random)
    {
        var smoothing = 0.02 + (seed % 20) / 100.0;
        var swell = 0.1 + (seed % 7) / 20.0;
        var filtered = 0.0;
        for (var i = 0; i < samples.Length; i++)
        {
            filtered += smoothing * (random.Next() - filtered);
            var t = i / (double)SampleRate;
            samples[i] = 3 * filtered * (0.7 + 0.3 * Math.Sin(2 * Math.PI * swell * t));
        }
    }

    /// <summary>A four-chord progression (I–V–vi–IV) in a key from the id, one chord every two seconds, each struck and fading.</summary>
    private static void Chords(double[] samples, uint seed)
    {
        int[][] progression = [[0, 4, 7], [7, 11, 14], [9, 12, 16], [5, 9, 12]];
        var root = 220.0 * Math.Pow(2, (seed % 12) / 12.0);
        var chordLength = 2 * SampleRate;
        for (var i = 0; i < samples.Length; i++)
        {
            var chord = progression[i / chordLength % progression.Length];
            var t = i / (double)SampleRate;
            var inChord = i % chordLength / (double)chordLength;
            var envelope = Math.Min(1, inChord * 40) * Math.Exp(-2 * inChord);
            var sum = 0.0;
            foreach (var semitones in chord)
            {
                var frequency = root * Math.Pow(2, semitones / 12.0);
                sum += Math.Sin(2 * Math.PI * frequency * t) + 0.3 * Math.Sin(4 * Math.PI * frequency * t);
            }
            samples[i] = envelope * sum / (chord.Length * 1.3);
        }
    }

    /// <summary>An exponential sweep between 150 Hz and 3 kHz with a little noise, swelling then fading.</summary>
    private static void Sweep(double[] samples, bool rising, XorShift random)
    {
        var phase = 0.0;
        for (var i = 0; i < samples.Length; i++)
        {
            var t = i / (double)samples.Length;
            var frequency = 150 * Math.Pow(20, rising ? t : 1 - t);
            phase += 2 * Math.PI * frequency / SampleRate;
            var envelope = Math.Sin(Math.PI * t);
            samples[i] = envelope * (0.8 * Math.Sin(phase) + 0.2 * random.Next());
        }
    }

    private static byte[] Wav(double[] samples)
    {
        var dataBytes = samples.Length * 2;
        var wav = new byte[HeaderBytes + dataBytes];
        var span = wav.AsSpan();
        Encoding.ASCII.GetBytes("RIFF", span);
        BinaryPrimitives.WriteInt32LittleEndian(span[4..], 36 + dataBytes);
        Encoding.ASCII.GetBytes("WAVEfmt ", span[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(span[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(span[22..], 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(span[24..], SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(span[28..], SampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteInt16LittleEndian(span[34..], 16);
        Encoding.ASCII.GetBytes("data", span[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], dataBytes);
        for (var i = 0; i < samples.Length; i++)
        {
            var value = Math.Clamp(samples[i], -1, 1) * Peak * short.MaxValue;
            BinaryPrimitives.WriteInt16LittleEndian(span[(HeaderBytes + 2 * i)..], (short)Math.Round(value));
        }
        return wav;
    }

    /// <summary>A stable hash (string.GetHashCode differs per process).</summary>
    private static uint Fnv1a(string text)
    {
        var hash = 2166136261;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash = (hash ^ b) * 16777619;
        }
        return hash;
    }

    /// <summary>Noise in [-1, 1) from a fixed seed, the same on every machine (System.Random's algorithm may change).</summary>
    private sealed class XorShift(uint seed)
    {
        private uint _state = seed == 0 ? 0x9E3779B9 : seed;

        public double Next()
        {
            _state ^= _state << 13;
            _state ^= _state >> 17;
            _state ^= _state << 5;
            return _state / 2147483648.0 - 1;
        }
    }
}
