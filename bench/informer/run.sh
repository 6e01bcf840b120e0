#!/usr/bin/env bash
# Informer memory per cached Pod and watch events decoded per second: ccigen's generated client against fabric8's,
# in the same run, from the same bytes (see InformerBench.java). Prints figures and ratios; never fails on a figure.
#
# Usage (from a checkout; it runs Maven offline on it-tests, which generates the CCI client and has fabric8 as a test
# dependency):  bench/informer/run.sh [pods=10000] [watch events=10000] [rounds=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
PODS="${1:-10000}"; EVENTS="${2:-10000}"; ROUNDS="${3:-5}"
WORK=bench/target/informer
mkdir -p "$WORK/classes"
mvn -B -q -o -pl it-tests -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/$WORK/classpath.txt" -Dmdep.includeScope=test >"$WORK/build.log" 2>&1 \
  || { echo "bench: building it-tests failed, see $WORK/build.log"; exit 1; }
CP="it-tests/target/classes:$(cat "$WORK/classpath.txt")"
javac -d "$WORK/classes" -cp "$CP" bench/informer/InformerBench.java bench/jmh/src/main/java/dev/ccigen/bench/PodListJson.java
RUN=(java -Xmx2g -XX:+UseSerialGC -cp "$WORK/classes:$CP" dev.ccigen.bench.InformerBench)
# stderr (fabric8's Vert.x complains of its event loop being busy decoding) goes to a log
ours=$("${RUN[@]}" memory ccigen "$PODS" 2>>"$WORK/stderr.log" | grep '^RESULT')
theirs=$("${RUN[@]}" memory fabric8 "$PODS" 2>>"$WORK/stderr.log" | grep '^RESULT')
echo "$ours"; echo "$theirs"
a=$(sed 's/.*bytesPerPod=\([0-9]*\).*/\1/' <<<"$ours"); b=$(sed 's/.*bytesPerPod=\([0-9]*\).*/\1/' <<<"$theirs")
python3 -c "print(f'informer memory per cached pod: ccigen {$a:,} B, fabric8 {$b:,} B, ratio ccigen/fabric8 = {$a/$b:.2f}')"
"${RUN[@]}" watch "$EVENTS" "$ROUNDS" 2>>"$WORK/stderr.log"
