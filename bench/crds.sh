#!/usr/bin/env bash
# Issue 29: ccigen's CRD input against fabric8's java-generator (io.fabric8:java-generator-maven-plugin's engine, 7.x)
# on specs/crds/, side by side in one JVM (bench/crds/CrdBench.java): CRDs that generate and compile, generation time
# (cold and warm), files and lines, round trips of the projects' examples. Not part of `mvn verify`.
#
# Usage: BENCH_REPO_LOCAL=/path/to/m2 bench/crds.sh [runs, default 6]
# ccigen's SNAPSHOT must be installed in that repository (mvn install -DskipTests). Output: bench/target/crds/.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO_LOCAL="${BENCH_REPO_LOCAL:-$HOME/.m2/repository}"
runs="${1:-6}"
work="$PWD/bench/target/crds"
mkdir -p "$work"
mvn -q -B -Dmaven.repo.local="$REPO_LOCAL" -f bench/crds/pom.xml package dependency:build-classpath \
  -Dmdep.outputFile="$work/classpath.txt" > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
java -Xss8m -cp "bench/crds/target/classes:$(cat "$work/classpath.txt")" dev.ccigen.bench.crds.CrdBench \
  "$PWD/specs/crds" "$work/out" "$runs" | tee "$work/results.md"
