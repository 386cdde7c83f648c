#!/usr/bin/env bash
# The batch CLI against the floor of any CSV tool (issue 11): scoring N ECR-R rows with `securebase score`
# against Python's csv module merely reading the same file, in one hyperfine run, so the figure is a ratio.
# Also: an empty file (the process's own start-up) and the peak memory of a scoring run at N and N/10 rows,
# to show whether memory grows with the file. Usage: scripts/bench-score.sh [rows=200000]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-200000}
command -v hyperfine >/dev/null || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
work=$(mktemp -d /tmp/securebase-bench-score.XXXXXX)
trap 'rm -rf "$work"' EXIT
# Published as an operator would: ReadyToRun (compiled ahead for this machine), so start-up is not spent in the JIT.
dotnet publish src/SecureBase.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/cli" --nologo -v q >/dev/null
python3 - "$work" "$rows" <<'PY'
import random, sys
work, rows = sys.argv[1], int(sys.argv[2])
random.seed(1)
header = 'id,' + ','.join(str(i) for i in range(1, 37)) + '\n'
for name, n in (('big.csv', rows), ('tenth.csv', rows // 10), ('empty.csv', 0)):
    with open(f'{work}/{name}', 'w') as f:
        f.write(header)
        for r in range(n):
            f.write(f'p{r},' + ','.join(str(random.randint(1, 7)) for _ in range(36)) + '\n')
PY
cd "$work"
hyperfine -N -w 1 -r 10 --export-markdown result.md \
  -n "python csv read" "python3 -c \"import csv; sum(1 for _ in csv.reader(open('big.csv', newline='')))\"" \
  -n "securebase score" "./cli/securebase score --instrument ecr-r --input big.csv --output scored.csv" \
  -n "securebase, empty file" "./cli/securebase score --instrument ecr-r --input empty.csv --output scored-empty.csv"
cat result.md
for f in tenth.csv big.csv; do
  /usr/bin/time -f "peak memory scoring $f: %M KB" ./cli/securebase score --instrument ecr-r --input "$f" --output out.csv 2>&1 | grep peak
done
