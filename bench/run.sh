#!/usr/bin/env bash
# ccigen benchmarks against its peers, in one run: generation speed and memory (vs OpenAPI Generator), output size,
# compile time, PodList decode/encode (vs fabric8 and the official Kubernetes client's models, JMH) and client
# overhead (vs fabric8's client). Prints figures and ratios ccigen/peer; never fails a build. See bench/RESULTS.md.
#
# Usage (from a checkout; it runs Maven, so use a clone of your own if others build in the same folder):
#   BENCH_REPO_LOCAL=/path/to/private/m2 bench/run.sh [--skip gen,size,javac,jmh,client] [--runs 5] ...
# BENCH_REPO_LOCAL defaults to ~/.m2/repository; ccigen's SNAPSHOT is installed into it first (set BENCH_NO_INSTALL=1
# to use the one already there). Takes about 17 minutes on 2 cores (measured). Results: bench/target/results.md.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO_LOCAL="${BENCH_REPO_LOCAL:-$HOME/.m2/repository}"

# Peak memory comes from GNU time's -v ("Maximum resident set size"): Debian's package `time`.
if [ ! -x /usr/bin/time ]; then
  echo "bench: /usr/bin/time is missing: installing Debian's package 'time' (apt-get install -y time)"
  apt-get install -y -q time >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q time >/dev/null; }
fi

if [ "${BENCH_NO_INSTALL:-0}" != 1 ]; then
  echo "bench: installing ccigen into $REPO_LOCAL"
  mvn -q -B -Dmaven.repo.local="$REPO_LOCAL" install -Dmaven.test.skip=true -Dinvoker.skip
fi

exec python3 bench/bench.py --repo-local "$REPO_LOCAL" "$@"
