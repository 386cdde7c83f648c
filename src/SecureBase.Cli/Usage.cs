namespace SecureBase.Cli;

internal static class Usage
{
    public const string Text = """
        securebase — SecureBase command-line tool

          instruments                                  list the questionnaire packs
          score --instrument ID --input FILE [--output FILE] [LAYOUT]
                                                       score a CSV of answers (one row per person); for large
                                                       files, securebase-score does the same faster (README)
          norms --instrument ID --input FILE [LAYOUT]  local norms: mean, SD, Cronbach's alpha, N per subscale
          norms import FILE | norms list | norms remove ID
                                                       published norm sets with their source (see 'norms import --help')
          demo [--years N] [--count N]                 create N demo clients (default 1) with N years of data each (default 1); prints each sign-in
          demo --practice [--clients N] [--years N]    create a practice whose therapist has N clients (default 12) of up to N years (default 3); prints the therapist's sign-in
          setup --practice NAME --time-zone ZONE --email EMAIL
                                                       create a practice and its owner (password on standard input)
          audit verify                                 check the audit trail's hash chains; names the first broken entry
          backup --to DIR --keys-to OTHER-DIR          an online backup of the database (the app may keep running),
                                                       and the key ring saved apart from it
          restore --from BACKUP-FOLDER --keys KEYS.zip into an empty database and key folder, checked first
          export-fhir [--person EMAIL] [--output FILE] questionnaire data as a FHIR R4 Bundle (JSON)

        Input CSV: a header row; the first column "id"; then one column per item, named by its number
        in the published order (1 … 36 for ECR-R, 1 … 9 for ECR-RS, 1 … 4 for RQ); values on the
        instrument's scale, or empty for a missing answer. Rejected rows are reported on standard error
        with their line number (also a second row with the same id); the exit code is then 1. Commas or
        semicolons; "6.0" reads as 6.

        LAYOUT, for survey-tool exports (other columns are then ignored):
          --id-column NAME        the column with each person's id (Qualtrics: ResponseId)
          --item-columns PATTERN  how item columns are named, {n} for the item's number: Q{n}, ECR_{n}
          --skip-rows N           rows after the header that hold no answers (Qualtrics: 2)
        For example: securebase score --instrument ecr-r --input export.csv --id-column ResponseId --item-columns Q{n} --skip-rows 2
        """;

    public static int Print(TextWriter writer, int exitCode)
    {
        writer.WriteLine(Text);
        return exitCode;
    }
}
