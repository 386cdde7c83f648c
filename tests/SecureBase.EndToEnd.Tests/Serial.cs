// Each journey runs its own server and Chromium; on two cores three at once starve each other past
// Playwright's timeouts (CI saw a 60 s timeout in the client journey once the third journey arrived).
// One journey at a time keeps every step well inside its timeout.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
