using Microsoft.Win32.SafeHandles;

namespace SecureBase.Cli;

// Standard output and error as the batch commands use them, safe however a shell hands them over (issue 11: a
// tester closed them, filled them and cut them short).
internal static class StandardStreams
{
    /// <summary>
    /// Call first. Standard error becomes a writer that never throws: closed (2&gt;&amp;-), messages go nowhere; full or
    /// broken (2&gt;/dev/full), a failed message must not turn a finished run into a crash, the exit code still says
    /// what happened. Standard output closed (&gt;&amp;-) makes every write to it fail with "standard output is closed".
    /// </summary>
    public static void Guard()
    {
        if (!Inherited(1)) Console.SetOut(new StreamWriter(new Closed()) { AutoFlush = true });
        Console.SetError(Inherited(2) ? new Unfailing(Console.Error) : TextWriter.Null);
    }

    /// <summary>
    /// Standard output as a stream whose writes fail when the reader has gone (`| head -3`: EPIPE). Console's own
    /// stream ignores that, and the run reported every row scored and exit code 0.
    /// </summary>
    public static Stream Output() =>
        OperatingSystem.IsWindows() ? Console.OpenStandardOutput()
        : Inherited(1) ? new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, bufferSize: 0)
        : new Closed();

    // Whether descriptor 0, 1 or 2 is still what the shell handed over. Closed there, the runtime's first files and
    // pipes (its signal pipe among them) took the number before Main ran, and writing "standard output" would go into
    // them. Everything .NET opens is close-on-exec; what a shell hands over never is (it must outlive exec).
    static bool Inherited(int descriptor)
    {
        if (!OperatingSystem.IsLinux()) return true;
        try
        {
            foreach (var line in File.ReadLines($"/proc/self/fdinfo/{descriptor}"))
                if (line.StartsWith("flags:", StringComparison.Ordinal))
                    return (Convert.ToInt32(line["flags:".Length..].Trim(), 8) & CloseOnExec) == 0;
            return true;
        }
        catch (IOException)
        {
            return false;   // no such descriptor: closed
        }
    }

    const int CloseOnExec = 0x80000;   // O_CLOEXEC (02000000 octal), in the flags /proc shows

    // Standard error as messages reach it: never throwing (see Guard), and with control and invisible characters
    // shown as \u001B, whatever part of a message they came in with (a file name, an option, a cell): an escape
    // sequence must not reach the terminal. Line breaks and tabs stay, for messages of several lines.
    sealed class Unfailing(TextWriter inner) : TextWriter
    {
        public override System.Text.Encoding Encoding => inner.Encoding;
        public override void Write(char value) => Try(() => inner.Write(Shown(value.ToString())));
        public override void Write(string? value) => Try(() => inner.Write(Shown(value)));
        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));
        public override void WriteLine(string? value) => Try(() => inner.WriteLine(Shown(value)));
        public override void Flush() => Try(inner.Flush);

        static string? Shown(string? text)
        {
            if (text is null || !text.Any(Hidden)) return text;
            var shown = new System.Text.StringBuilder();
            foreach (var c in text)
            {
                if (Hidden(c)) shown.Append(System.Globalization.CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
                else shown.Append(c);
            }
            return shown.ToString();
        }

        static bool Hidden(char c) => c is not ('\n' or '\t') && Batch.CsvCells.Invisible(c);

        static void Try(Action write)
        {
            try
            {
                write();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // standard error cannot take it: the message is lost, the run goes on
            }
        }
    }

    sealed class Closed : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new IOException("standard output is closed; give --output FILE");
    }
}
