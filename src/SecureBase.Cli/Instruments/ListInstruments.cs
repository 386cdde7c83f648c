namespace SecureBase.Cli.Instruments;

internal static class ListInstruments
{
    public static int Run(CliSettings settings, IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count > 0)
        {
            stderr.WriteLine("error: 'instruments' takes no options.");
            return 2;
        }
        try
        {
            foreach (var pack in settings.LoadCatalog().All)
            {
                stdout.WriteLine($"{pack.Id,-8} {pack.ShortTitle,-8} v{pack.Version,-6} {pack.Items.Count,2} items, {pack.Subscales.Count} subscales: {pack.Title}");
                stdout.WriteLine($"         {pack.Notice}");
            }
            return 0;
        }
        catch (InvalidOperationException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 2;
        }
    }
}
