#!/usr/bin/env bash
# A/B of ccigen builds on a clean Kubernetes generation: the installed plugin jar is swapped between alternating runs,
# so every variant sees the same load; prints the plugin time of each run and the median per variant. This is how the
# "A/B medians" in bench/RESULTS.md were measured. Never fails a build; run it alone on the machine.
#
# Usage, after bench/run.sh has made its consumer projects (bench/target/work/):
#   cp ~/m2/dev/ccigen/ccigen-maven-plugin/0.1.0-SNAPSHOT/ccigen-maven-plugin-0.1.0-SNAPSHOT.jar /tmp/a.jar
#   ...change, `mvn -q install -Dmaven.test.skip=true -Dinvoker.skip`, copy the new jar to /tmp/b.jar...
#   BENCH_REPO_LOCAL=~/m2 bench/ab.sh 8 /tmp/a.jar /tmp/b.jar
# The jar of the last variant is left installed.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=$1
shift
REPO_LOCAL="${BENCH_REPO_LOCAL:-$HOME/.m2/repository}"
installed="$REPO_LOCAL/dev/ccigen/ccigen-maven-plugin/0.1.0-SNAPSHOT/ccigen-maven-plugin-0.1.0-SNAPSHOT.jar"
work=bench/target/work/ccigen-k8s
spec="$PWD/generator/src/test/resources/kubernetes/swagger-1.20.json.gz"
[ -f "$work/pom.xml" ] || { echo "ab: no $work/pom.xml; run bench/run.sh --skip size,javac,jmh,client first" >&2; exit 2; }
times=$(mktemp)
for i in $(seq 1 "$runs"); do
  for jar in "$@"; do
    cp "$jar" "$installed"
    rm -rf "$work/target"
    log="$work/ab.log"
    if ! (cd "$work" && mvn -o -B -Dmaven.repo.local="$REPO_LOCAL" -Dorg.slf4j.simpleLogger.showDateTime=true \
        -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS -Dbench.spec="$spec" generate-sources) > "$log" 2>&1; then
      echo "ab: the run with $jar failed; see $log" >&2
      exit 1
    fi
    # Plugin time as bench.py measures it: from the plugin's goal line to BUILD SUCCESS, by Maven's timestamps.
    python3 -c '
import sys
def ms(line):
    h, m, s = line[:12].split(":")
    return (int(h) * 3600 + int(m) * 60 + float(s)) * 1000
lines = sys.stdin.read().splitlines()
start = next(l for l in lines if "--- ccigen-maven-plugin" in l)
end = next(l for l in lines if "BUILD SUCCESS" in l)
print(sys.argv[1], int(ms(end) - ms(start)))' "$jar" < "$log" | tee -a "$times"
  done
done
python3 - "$times" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
for line in open(sys.argv[1]):
    jar, ms = line.rsplit(" ", 1)
    runs[jar].append(int(ms))
for jar, ms in runs.items():
    print(f"{jar}: median {statistics.median(ms):.0f} ms {sorted(ms)}")
PY
rm -f "$times"
