#!/usr/bin/env bash
# The batch CLI against the floor of any CSV tool (issue 11): scoring N ECR-R rows with `securebase-score` (Native
# AOT, ADR 0027) and with `securebase score` (the ReadyToRun CLI), against Python's csv module merely reading the
# same file, in one hyperfine run, so each figure is a ratio. Also: an empty file (the process's own start-up) and
# the peak memory of a scoring run at N/10 and N rows, to show how memory grows with the file.
# Usage: scripts/bench-score.sh [rows=200000]
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${1:-200000}
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v clang >/dev/null || need+=(clang)            # Native AOT links with clang …
[ -f /usr/include/zlib.h ] || need+=(zlib1g-dev)        # … against zlib
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null; fi
# The system's Python itself: a version manager's shim (pyenv's is a shell script) adds about 300 ms to every start,
# which once made the baseline look twice as slow as it is.
python=/usr/bin/python3
[ -x "$python" ] || python=$(command -v python3)
work=$(mktemp -d /tmp/securebase-bench-score.XXXXXX)
trap 'rm -rf "$work"' EXIT
# Published as an operator would: the ahead-of-time executable, and the CLI ReadyToRun (compiled ahead for this
# machine, so its start-up is not spent in the JIT).
dotnet publish src/SecureBase.Score -c Release -r linux-x64 -o "$work/score" --nologo -v q >/dev/null
dotnet publish src/SecureBase.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/cli" --nologo -v q >/dev/null
"$python" - "$work" "$rows" <<'PY'
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
# Each scoring run writes a new output file (removed before it, untimed), as a first run does; one more replaces the
# output of the run before, which on ext4 also starts writing the new file to disk at the rename (auto_da_alloc, the
# safety of replacing a file by renaming over it), and that is measured too.
hyperfine -N -w 3 -r 30 --export-markdown result.md --export-json result.json \
  -n "python csv read" -p true "$python -c \"import csv; sum(1 for _ in csv.reader(open('big.csv', newline='')))\"" \
  -n "securebase-score" -p "rm -f scored.csv" "./score/securebase-score --instrument ecr-r --input big.csv --output scored.csv" \
  -n "securebase-score, replacing its output" -p true "./score/securebase-score --instrument ecr-r --input big.csv --output replaced.csv" \
  -n "securebase score" -p "rm -f scored-cli.csv" "./cli/securebase score --instrument ecr-r --input big.csv --output scored-cli.csv" \
  -n "securebase-score, empty file" -p "rm -f scored-empty.csv" "./score/securebase-score --instrument ecr-r --input empty.csv --output scored-empty.csv" \
  -n "securebase score, empty file" -p "rm -f scored-empty-cli.csv" "./cli/securebase score --instrument ecr-r --input empty.csv --output scored-empty-cli.csv"
cat result.md
cmp scored.csv scored-cli.csv && cmp scored.csv replaced.csv && echo "Both wrote the same $(($(wc -l <scored.csv) - 1)) rows, byte for byte."
"$python" - <<'PY'
import json
runs = {r['command']: r for r in json.load(open('result.json'))['results']}
python = runs['python csv read']
for name in ('securebase-score', 'securebase-score, replacing its output', 'securebase score'):
    r = runs[name]
    print(f"{name} / python csv read: mean {r['mean'] / python['mean']:.2f}, median {r['median'] / python['median']:.2f}, "
          f"fastest {r['min'] / python['min']:.2f} (goal: at most 0.50)")
PY
for f in tenth.csv big.csv; do
  /usr/bin/time -f "peak memory, securebase-score, $f: %M KB" ./score/securebase-score --instrument ecr-r --input "$f" --output out.csv 2>&1 | grep peak
done
