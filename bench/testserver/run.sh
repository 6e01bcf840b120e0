#!/usr/bin/env bash
# The generated test server (over HTTP, and in process through its connector) against fabric8's mock
# server in CRUD mode and against the floor (a bare JDK HttpServer answering a fixed body), the same generated client on
# each, in one run: start time, a create's time, creates per second from 8 threads, a list of 1,000 pods; then a JFR
# profile of where a create's time goes (see TestServerBench.java). Prints figures and ratios; never fails on a figure.
#
# Usage (from a checkout; it runs Maven offline on it-tests, which generates the CCI client and its test server and has
# fabric8's mock server as a test dependency):  BENCH_REPO_LOCAL=/path/to/m2 bench/testserver/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
REPO_LOCAL="${BENCH_REPO_LOCAL:-$HOME/.m2/repository}"
WORK=bench/target/testserver
mkdir -p "$WORK/classes"
./mvnw -B -q -o -Dmaven.repo.local="$REPO_LOCAL" -pl it-tests -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/$WORK/classpath.txt" -Dmdep.includeScope=test >"$WORK/build.log" 2>&1 \
  || { echo "bench: building it-tests failed, see $WORK/build.log"; exit 1; }
CP="it-tests/target/classes:it-tests/target/test-classes:$(cat "$WORK/classpath.txt")"
javac -d "$WORK/classes" -cp "$CP" bench/testserver/TestServerBench.java
java -Dsun.net.httpserver.nodelay=true -cp "$WORK/classes:$CP" dev.ccigen.bench.TestServerBench 2>>"$WORK/stderr.log"
