namespace SecureBase.Cli;

// "--name value" pairs. Anything else is a usage error with a message that says what was wrong.
internal sealed class Options
{
    private readonly Dictionary<string, string> _values;

    private Options(Dictionary<string, string> values) => _values = values;

    public string? this[string name] => _values.GetValueOrDefault(name);

    public static Options? Parse(IReadOnlyList<string> args, IReadOnlySet<string> allowed, TextWriter stderr)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i].StartsWith("--", StringComparison.Ordinal) ? args[i][2..] : null;
            if (name is null || !allowed.Contains(name))
                return Fail(stderr, $"Unknown option '{args[i]}'. Options: {string.Join(", ", allowed.Select(a => "--" + a))}.");
            if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal)) return Fail(stderr, $"Option --{name} needs a value.");
            if (!values.TryAdd(name, args[i + 1])) return Fail(stderr, $"Option --{name} is given twice.");
        }
        return new Options(values);
    }

    public string? Require(string name, TextWriter stderr)
    {
        if (this[name] is { Length: > 0 } value) return value;
        stderr.WriteLine($"error: --{name} is required. Run 'securebase help' for usage.");
        return null;
    }

    static Options? Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine($"error: {message}");
        return null;
    }
}
