#!/usr/bin/env bash
# The generated test server against fabric8's mock server in CRUD mode: start time and creates per second of the same
# generated client, in the same run (see TestServerBench.java). Prints figures and ratios; never fails on a figure.
#
# Usage (from a checkout; it runs Maven offline on it-tests, which generates the CCI client and its test server and has
# fabric8's mock server as a test dependency):  bench/testserver/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK=bench/target/testserver
mkdir -p "$WORK/classes"
mvn -B -q -o -pl it-tests -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/$WORK/classpath.txt" -Dmdep.includeScope=test >"$WORK/build.log" 2>&1 \
  || { echo "bench: building it-tests failed, see $WORK/build.log"; exit 1; }
CP="it-tests/target/classes:it-tests/target/test-classes:$(cat "$WORK/classpath.txt")"
javac -d "$WORK/classes" -cp "$CP" bench/testserver/TestServerBench.java
java -Dsun.net.httpserver.nodelay=true -cp "$WORK/classes:$CP" dev.ccigen.bench.TestServerBench 2>>"$WORK/stderr.log"
