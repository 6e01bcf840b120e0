#!/usr/bin/env bash
# Informer memory per cached Pod and watch events decoded per second: ccigen's generated client against fabric8's,
# in the same run, from the same bytes (see InformerBench.java). Prints figures and ratios; never fails on a figure.
#
# Usage (from a checkout; it runs Maven offline on it-tests, which generates the CCI client and has fabric8 as a test
# dependency):  bench/informer/run.sh [pods=10000] [watch events=10000] [rounds=5]
# Memory for each pod shape of InformerPods.java: small (1.8 KB), large (8.4 KB), managed (small with two
# managedFields entries, which ccigen's informer drops by default: measured both dropped and kept).
# MAVEN_ARGS (e.g. -Dmaven.repo.local=...) is passed to Maven.
set -euo pipefail
cd "$(dirname "$0")/../.."
PODS="${1:-10000}"; EVENTS="${2:-10000}"; ROUNDS="${3:-5}"
WORK=bench/target/informer
mkdir -p "$WORK/classes"
# shellcheck disable=SC2086
./mvnw -B -q -o ${MAVEN_ARGS:-} -pl it-tests -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$PWD/$WORK/classpath.txt" -Dmdep.includeScope=test >"$WORK/build.log" 2>&1 \
  || { echo "bench: building it-tests failed, see $WORK/build.log"; exit 1; }
CP="it-tests/target/classes:$(cat "$WORK/classpath.txt")"
javac -d "$WORK/classes" -cp "$CP" bench/informer/InformerBench.java bench/informer/InformerPods.java \
  bench/jmh/src/main/java/dev/ccigen/bench/PodListJson.java
RUN=(java -Xmx2g -XX:+UseSerialGC -cp "$WORK/classes:$CP" dev.ccigen.bench.InformerBench)
perPod() { sed 's/.*bytesPerPod=\([0-9]*\).*/\1/' <<<"$1"; }
# one JVM per contender and shape; stderr (fabric8's Vert.x complains of its event loop being busy decoding) to a log
for shape in small large managed; do
  contenders=(ccigen fabric8)
  [ "$shape" = managed ] && contenders=(ccigen ccigen-keep fabric8)
  results=()
  for contender in "${contenders[@]}"; do
    result=$("${RUN[@]}" memory "$contender" "$PODS" "$shape" 2>>"$WORK/stderr.log" | grep '^RESULT')
    echo "$result"; results+=("$(perPod "$result")")
  done
  theirs=${results[-1]}
  for i in "${!contenders[@]}"; do
    [ "${contenders[$i]}" = fabric8 ] && continue
    python3 -c "print(f'informer memory per cached {\"$shape\"} pod: ${contenders[$i]} {${results[$i]}:,} B, fabric8 {$theirs:,} B, ratio = {${results[$i]}/$theirs:.2f}')"
  done
done
"${RUN[@]}" watch "$EVENTS" "$ROUNDS" 2>>"$WORK/stderr.log"
