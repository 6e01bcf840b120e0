#!/usr/bin/env bash
# A/B of ccigen builds on a clean Kubernetes generation: the installed jars are swapped between alternating runs, so
# every variant sees the same load; prints the plugin time of each run and the median per variant, and, when the
# variant "openapi-generator" is among them, each variant's ratio to OpenAPI Generator's median in the same series.
# This is how the "A/B medians" in bench/RESULTS.md were measured. Never fails a build; run it alone on the machine.
#
# A variant is a folder holding the three jars of one ccigen build (the plugin is a plain jar since issue 18: the
# engine and the templates are jars of their own, and all three are swapped), or the word openapi-generator (a clean
# run of bench/gen/openapi-generator on the same document). Usage, after bench/run.sh has made its consumer projects
# (bench/target/work/):
#   mkdir /tmp/a && cp {generator,templates,maven-plugin}/target/ccigen-*-0.1.0-SNAPSHOT.jar /tmp/a
#   ...change, build, copy the new jars to /tmp/b...
#   BENCH_REPO_LOCAL=~/m2 bench/ab.sh 8 /tmp/a /tmp/b [openapi-generator]
# The jars of the last ccigen variant are left installed.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=$1
shift
REPO_LOCAL="${BENCH_REPO_LOCAL:-$HOME/.m2/repository}"
installed="$REPO_LOCAL/dev/ccigen"
spec="$PWD/generator/src/test/resources/kubernetes/swagger-1.20.json.gz"
for work in bench/target/work/ccigen-k8s bench/target/work/openapi-generator-k8s; do
  [ -f "$work/pom.xml" ] || { echo "ab: no $work/pom.xml; run bench/run.sh --skip size,javac,jmh,client first" >&2; exit 2; }
done
times=$(mktemp)
for i in $(seq 1 "$runs"); do
  for variant in "$@"; do
    if [ "$variant" = openapi-generator ]; then
      work=bench/target/work/openapi-generator-k8s
      plugin=openapi-generator-maven-plugin
      spec_arg="-Dbench.spec=$PWD/bench/target/work/specs/kubernetes-1.20/swagger-1.20.json"
    else
      for artifact in generator templates maven-plugin; do
        cp "$variant/ccigen-$artifact-0.1.0-SNAPSHOT.jar" "$installed/ccigen-$artifact/0.1.0-SNAPSHOT/"
      done
      work=bench/target/work/ccigen-k8s
      plugin=ccigen-maven-plugin
      spec_arg="-Dbench.spec=$spec"
    fi
    rm -rf "$work/target"
    log="$work/ab.log"
    if ! (cd "$work" && mvn -o -B -Dmaven.repo.local="$REPO_LOCAL" -Dorg.slf4j.simpleLogger.showDateTime=true \
        -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS "$spec_arg" generate-sources) > "$log" 2>&1; then
      echo "ab: the run of $variant failed; see $log" >&2
      exit 1
    fi
    # Plugin time as bench.py measures it: from the plugin's goal line to BUILD SUCCESS, by Maven's timestamps; and
    # ccigen's own figure from its summary line.
    python3 -c '
import re, sys
def ms(line):
    h, m, s = line[:12].split(":")
    return (int(h) * 3600 + int(m) * 60 + float(s)) * 1000
lines = sys.stdin.read().splitlines()
start = next(l for l in lines if "--- " + sys.argv[2] + ":" in l)
end = next(l for l in lines if "BUILD SUCCESS" in l)
engine = [re.search(r"(\d+) ms$", l) for l in lines if "ccigen: read " in l]
print(sys.argv[1], int(ms(end) - ms(start)), engine[0].group(1) if engine and engine[0] else "-")' \
      "$variant" "$plugin" < "$log" | tee -a "$times"
  done
done
python3 - "$times" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(list)
engine = collections.defaultdict(list)
for line in open(sys.argv[1]):
    variant, ms, own = line.rsplit(" ", 2)
    runs[variant].append(int(ms))
    if own.strip() != "-":
        engine[variant].append(int(own))
peer = statistics.median(runs["openapi-generator"]) if "openapi-generator" in runs else None
for variant, ms in runs.items():
    m = statistics.median(ms)
    extra = f", engine median {statistics.median(engine[variant]):.0f} ms" if engine[variant] else ""
    ratio = f", {peer / m:.2f}x faster than OpenAPI Generator" if peer and variant != "openapi-generator" else ""
    print(f"{variant}: plugin median {m:.0f} ms {sorted(ms)}{extra}{ratio}")
PY
rm -f "$times"
