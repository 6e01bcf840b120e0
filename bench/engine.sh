#!/usr/bin/env bash
# The engine alone, without Maven: cold generations of the Kubernetes 1.20 document (no listings, as bench/gen/ccigen
# generates it), each in a fresh JVM, variants alternating run by run so that all see the same load. Prints, per
# variant, the medians of the whole JVM's wall and CPU time (user + sys, /usr/bin/time) and of the engine's own time,
# and the fastest run. This is how the per-change figures of bench/RESULTS.md's issue 25 section were measured: it
# tells changes of a few percent apart where `mvn` runs (bench/ab.sh) cannot.
#
# A variant is a folder holding the jars of one ccigen build (ccigen-generator-*.jar and ccigen-templates-*.jar):
#   mkdir /tmp/a && cp generator/target/ccigen-generator-*.jar templates/target/ccigen-templates-*.jar /tmp/a
#   BENCH_REPO_LOCAL=~/m2 bench/engine.sh 10 /tmp/a /tmp/b
# The engine's libraries come from the local repository (mvn dependency:build-classpath of the generator module).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=$1
shift
REPO_LOCAL="${BENCH_REPO_LOCAL:-$HOME/.m2/repository}"
work=bench/target/engine
mkdir -p "$work"
mvn -o -q -B -Dmaven.repo.local="$REPO_LOCAL" -f generator/pom.xml dependency:build-classpath -Dmdep.includeScope=runtime \
  -Dmdep.outputFile="$PWD/$work/classpath.txt" > "$work/classpath.log" 2>&1
libs=$(cat "$work/classpath.txt")
spec="$PWD/generator/src/test/resources/kubernetes/swagger-1.20.json.gz"
times="$work/times.txt"
: > "$times"
for variant in "$@"; do
  mkdir -p "$work/$(basename "$variant")"
  javac -d "$work/$(basename "$variant")" -cp "$(ls "$variant"/ccigen-generator-*.jar):$libs" bench/engine/EngineRun.java
done
for i in $(seq 1 "$runs"); do
  for variant in "$@"; do
    name=$(basename "$variant")
    rm -rf "$work/out"
    cp="$work/$name:$(ls "$variant"/ccigen-generator-*.jar):$(ls "$variant"/ccigen-templates-*.jar):$libs"
    engine=$(/usr/bin/time -f "%e %U %S" -o "$work/time.txt" java -cp "$cp" EngineRun "$spec" - "$work/out")
    read -r wall user sys < "$work/time.txt"
    echo "$name $wall $user $sys $engine" | tee -a "$times"
  done
done
python3 - "$times" <<'PY'
import collections, statistics, sys
rows = collections.defaultdict(list)
order = []
for line in open(sys.argv[1]):
    name, wall, user, sys_, engine = line.split()
    if name not in order:
        order.append(name)
    rows[name].append((float(wall), float(user) + float(sys_), int(engine)))
for name in order:
    r = rows[name]
    print(f"{name}: wall {statistics.median(x[0] for x in r):.2f} s (fastest {min(x[0] for x in r):.2f}), "
          f"CPU {statistics.median(x[1] for x in r):.2f} s, engine {statistics.median(x[2] for x in r):.0f} ms (n={len(r)})")
PY
