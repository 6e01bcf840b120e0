#!/usr/bin/env python3
"""ccigen benchmarks against its peers (driven by bench/run.sh; standard library only).

Sections (each can be skipped with --skip SECTION[,SECTION]):
  gen     `mvn generate-sources` with ccigen vs OpenAPI Generator (java/native) on the Kubernetes 1.20 document
          and on the CCI document: clean runs and reruns with nothing changed, alternating the contenders run by
          run; wall time, CPU time and peak RSS of the whole Maven process (/usr/bin/time -v), and the plugin's own
          time from Maven's log timestamps (from its "--- plugin:goal" line to "BUILD SUCCESS").
  size    files, lines and bytes of what each emits.
  javac   time to compile what each emits, with the same javac and flags, alternating.
  jmh     JMH: decode/encode a PodList of 1,000 pods, ccigen vs fabric8 vs the official client's models, -prof gc.
  client  10,000 GETs of one Pod from a local HttpServer, ccigen's client vs fabric8's, 1 and 8 threads.
  crds    specs/crds/ with ccigen's CRD input vs fabric8's java-generator (bench/crds.sh, one JVM): CRDs that generate
          and compile, generation time, lines, round trips of the projects' examples.

Everything it prints is a figure; it never fails because of one. Results: bench/target/results.md (+ raw logs in
bench/target/work/).
"""
import argparse
import gzip
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(HERE, "target", "work")
TS = ["-Dorg.slf4j.simpleLogger.showDateTime=true", "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"]

CONTENDERS = {
    "ccigen": {"pom": "gen/ccigen", "out": "target/generated-sources/ccigen", "plugin": "ccigen-maven-plugin"},
    "openapi-generator": {"pom": "gen/openapi-generator", "out": "target/generated-sources/openapi",
                          "plugin": "openapi-generator-maven-plugin"},
}

out_lines = []


def say(text=""):
    print(text, flush=True)
    out_lines.append(text)


def log(text):
    print("  .. " + text, flush=True)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value, unit="", digits=2):
    if value is None:
        return "n/a"
    if isinstance(value, float):
        text = f"{value:.{digits}f}"
    else:
        text = str(value)
    return text + unit


def ratio(a, b, digits=2):
    if a is None or b is None or b == 0:
        return "n/a"
    return f"{a / b:.{digits}f}" if a / b >= 0.01 else f"{a / b:.4f}"


def overlap(xs, ys):
    """True when the ranges of two series overlap: the difference is within run-to-run noise."""
    xs = [x for x in xs if x is not None]
    ys = [y for y in ys if y is not None]
    if not xs or not ys:
        return False
    return min(xs) <= max(ys) and min(ys) <= max(xs)


class Bench:
    def __init__(self, args):
        self.args = args
        self.mvn = ["mvn", "-B", f"-Dmaven.repo.local={args.repo_local}"]
        self.specs = {}
        self.results = {}

    # ------------------------------------------------------------------ helpers
    def timed(self, cmd, cwd, logfile):
        """Runs cmd under /usr/bin/time -v; returns (rc, wall s, cpu s, max RSS MiB, log text)."""
        tfile = logfile + ".time"
        with open(logfile, "w") as out:
            rc = subprocess.call(["/usr/bin/time", "-v", "-o", tfile] + cmd, cwd=cwd, stdout=out,
                                 stderr=subprocess.STDOUT)
        t = open(tfile).read()

        def field(name):
            m = re.search(r"^\s*" + re.escape(name) + r".*?:\s*(\S+)\s*$", t, re.M)
            return m.group(1).strip() if m else None

        wall_text = field("Elapsed (wall clock) time (h:mm:ss or m:ss)")
        parts = [float(p) for p in wall_text.split(":")]
        wall = parts[-1] + 60 * parts[-2] + (3600 * parts[-3] if len(parts) > 2 else 0)
        cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
        rss = int(field("Maximum resident set size")) / 1024.0
        return rc, wall, cpu, rss, open(logfile, errors="replace").read()

    @staticmethod
    def plugin_ms(text, plugin):
        """The plugin's own time from Maven's log timestamps: its '--- plugin:...' line to 'BUILD SUCCESS'."""
        start = end = None
        for line in text.splitlines():
            m = re.match(r"(\d\d):(\d\d):(\d\d)\.(\d\d\d) ", line)
            if not m:
                continue
            t = ((int(m.group(1)) * 60 + int(m.group(2))) * 60 + int(m.group(3))) * 1000 + int(m.group(4))
            if f"--- {plugin}:" in line:
                start = t
            elif "BUILD SUCCESS" in line and start is not None:
                end = t
        if start is None or end is None:
            return None
        return (end - start) % 86_400_000

    @staticmethod
    def engine_ms(text):
        """ccigen's own summary: '... in <dir>, N ms' or 'up to date (..., N ms)'."""
        m = None
        for line in text.splitlines():
            if "ccigen: " in line:
                m = re.search(r"(\d+) ms\)?\s*$", line) or m
        return int(m.group(1)) if m else None

    def project_dir(self, contender, spec):
        return os.path.join(WORK, f"{contender}-{spec}")

    # ------------------------------------------------------------------ set-up
    def prepare(self):
        os.makedirs(WORK, exist_ok=True)
        k8s_gz = os.path.join(ROOT, "generator/src/test/resources/kubernetes/swagger-1.20.json.gz")
        k8s_json = os.path.join(WORK, "specs", "kubernetes-1.20", "swagger-1.20.json")
        os.makedirs(os.path.dirname(k8s_json), exist_ok=True)
        with gzip.open(k8s_gz, "rb") as src, open(k8s_json, "wb") as dst:
            shutil.copyfileobj(src, dst)
        cci = os.path.join(ROOT, "specs/cci/openapi-v2.json")
        # ccigen reads the .gz itself; OpenAPI Generator gets the same document gunzipped.
        self.specs = {
            "k8s": {"ccigen": k8s_gz, "openapi-generator": k8s_json, "label": "Kubernetes 1.20"},
            "cci": {"ccigen": cci, "openapi-generator": cci, "label": "CCI"},
        }
        for spec in self.specs:
            for c, info in CONTENDERS.items():
                d = self.project_dir(c, spec)
                if os.path.isdir(d):
                    shutil.rmtree(d)
                os.makedirs(d)
                shutil.copy(os.path.join(HERE, info["pom"], "pom.xml"), os.path.join(d, "pom.xml"))
                # A .mvn folder of its own: Maven would otherwise take this repository's .mvn/jvm.config (its JIT
                # flags) for the consumer builds. MAVEN_OPTS, if set, applies to both contenders alike.
                os.makedirs(os.path.join(d, ".mvn"))
        # Warm-up, online: resolves every plugin and dependency so that the measured runs can be offline (-o).
        for spec in self.specs:
            for c in CONTENDERS:
                d = self.project_dir(c, spec)
                log(f"warm-up {c} {spec}")
                rc = subprocess.call(self.mvn + ["-q", f"-Dbench.spec={self.specs[spec][c]}", "generate-sources",
                                                 "dependency:build-classpath",
                                                 f"-Dmdep.outputFile={os.path.join(d, 'classpath.txt')}"],
                                     cwd=d, stdout=open(os.path.join(d, "warmup.log"), "w"),
                                     stderr=subprocess.STDOUT)
                if rc != 0:
                    log(f"warm-up of {c} on {spec} failed (rc {rc}), see {d}/warmup.log")

    # ------------------------------------------------------------------ 1. generation
    def generation(self):
        say("## 1. Generation (`mvn -o generate-sources`)")
        say()
        say(f"{self.args.runs} runs per contender and case, alternating (odd runs ccigen first, even runs "
            "OpenAPI Generator first); each run is a clean run (`target/` deleted) then a rerun with nothing "
            "changed. Medians; [min–max] in the raw table. *wall*, *CPU* (user+sys) and *peak RSS* are of the "
            "whole Maven process (`/usr/bin/time -v`); *plugin* is the plugin's own time from Maven's log "
            "timestamps (its `--- plugin:goal` line to `BUILD SUCCESS`); *engine* is ccigen's own figure "
            "from its summary line.")
        say()
        rows = {}
        for spec in self.specs:
            for i in range(self.args.runs):
                order = list(CONTENDERS) if i % 2 == 0 else list(reversed(list(CONTENDERS)))
                for c in order:
                    d = self.project_dir(c, spec)
                    for kind in ("clean", "rerun"):
                        if kind == "clean":
                            shutil.rmtree(os.path.join(d, "target"), ignore_errors=True)
                        logfile = os.path.join(d, f"gen-{kind}-{i + 1}.log")
                        rc, wall, cpu, rss, text = self.timed(
                            self.mvn + ["-o"] + TS + [f"-Dbench.spec={self.specs[spec][c]}", "generate-sources"],
                            d, logfile)
                        ok = rc == 0 and "BUILD SUCCESS" in text
                        r = {"ok": ok, "wall": wall, "cpu": cpu, "rss": rss,
                             "plugin": self.plugin_ms(text, CONTENDERS[c]["plugin"]) if ok else None,
                             "engine": self.engine_ms(text) if c == "ccigen" else None}
                        rows.setdefault((spec, kind, c), []).append(r)
                        log(f"gen {spec} {kind} {c} run {i + 1}: ok={ok} wall={wall:.2f}s cpu={cpu:.2f}s "
                            f"rss={rss:.0f}MiB plugin={r['plugin']}ms engine={r['engine']}ms")
        self.results["gen"] = rows
        say("| document | run | contender | wall s | CPU s | peak RSS MiB | plugin ms | engine ms |")
        say("|---|---|---|---:|---:|---:|---:|---:|")
        for spec in self.specs:
            for kind in ("clean", "rerun"):
                for c in CONTENDERS:
                    rs = rows[(spec, kind, c)]
                    say(f"| {self.specs[spec]['label']} | {kind} | {c} | "
                        + " | ".join(self.cell([r[k] for r in rs], k) for k in ("wall", "cpu", "rss", "plugin",
                                                                                "engine")) + " |")
        say()
        say("Ratios ccigen / OpenAPI Generator (medians; below 1 = ccigen faster or smaller; "
            "'~' = the ranges of the runs overlap, i.e. within noise):")
        say()
        say("| document | run | wall | CPU | peak RSS | plugin |")
        say("|---|---|---:|---:|---:|---:|")
        for spec in self.specs:
            for kind in ("clean", "rerun"):
                a, b = rows[(spec, kind, "ccigen")], rows[(spec, kind, "openapi-generator")]
                cells = []
                for k in ("wall", "cpu", "rss", "plugin"):
                    xa, xb = [r[k] for r in a], [r[k] for r in b]
                    cells.append(ratio(median(xa), median(xb)) + (" ~" if overlap(xa, xb) else ""))
                say(f"| {self.specs[spec]['label']} | {kind} | " + " | ".join(cells) + " |")
        say()

    @staticmethod
    def cell(values, key):
        vs = [v for v in values if v is not None]
        if not vs:
            return "n/a"
        digits = 0 if key in ("rss", "plugin", "engine") else 2
        m = statistics.median(vs)
        return f"{m:.{digits}f} [{min(vs):.{digits}f}–{max(vs):.{digits}f}]"

    # ------------------------------------------------------------------ 2. size
    def java_sources(self, c, spec):
        out = os.path.join(self.project_dir(c, spec), CONTENDERS[c]["out"])
        files = []
        for dirpath, _, names in os.walk(out):
            files += [os.path.join(dirpath, n) for n in names]
        return out, sorted(files)

    def size(self):
        say("## 2. What each emits")
        say()
        say("All files of the output folder, and the `.java` files among them (OpenAPI Generator also writes a "
            "pom.xml, build.gradle, README, gradle wrapper, CI files …; its docs and tests were switched off).")
        say()
        say("| document | contender | files | lines | bytes | .java files | .java lines | .java bytes |")
        say("|---|---|---:|---:|---:|---:|---:|---:|")
        sizes = {}
        for spec in self.specs:
            for c in CONTENDERS:
                out, files = self.java_sources(c, spec)
                tot = [0, 0, 0]
                java = [0, 0, 0]
                for f in files:
                    data = open(f, "rb").read()
                    entry = [1, data.count(b"\n"), len(data)]
                    tot = [x + y for x, y in zip(tot, entry)]
                    if f.endswith(".java"):
                        java = [x + y for x, y in zip(java, entry)]
                sizes[(spec, c)] = {"all": tot, "java": java}
                say(f"| {self.specs[spec]['label']} | {c} | " + " | ".join(f"{v:,}" for v in tot + java) + " |")
        self.results["size"] = sizes
        say()
        say("Ratios ccigen / OpenAPI Generator (.java):")
        say()
        for spec in self.specs:
            a, b = sizes[(spec, "ccigen")]["java"], sizes[(spec, "openapi-generator")]["java"]
            say(f"- {self.specs[spec]['label']}: files {ratio(a[0], b[0])}, lines {ratio(a[1], b[1])}, "
                f"bytes {ratio(a[2], b[2])}")
        say()

    # ------------------------------------------------------------------ 3. javac
    def javac(self):
        say("## 3. Compiling what each emits (`javac`)")
        say()
        flags = ["--release", "17", "-proc:none", "-encoding", "UTF-8", "-nowarn", "-Xlint:none", "-Xmaxerrs", "20"]
        say(f"`javac {' '.join(flags)} -cp <its deps> -d <fresh dir> @<its .java files>` "
            f"({self.args.compile_runs} runs each, alternating; JDK {self.java_version()}). Classpath: what each "
            "consumer pom declares (`mvn dependency:build-classpath`): ccigen-runtime (with Jackson databind + jsr310) for ccigen; "
            "the same plus jackson-databind-nullable, jsr305 and jakarta.annotation-api for OpenAPI Generator "
            "(from its generated pom.xml).")
        say()
        rows = {}
        for spec in self.specs:
            for i in range(self.args.compile_runs):
                order = list(CONTENDERS) if i % 2 == 0 else list(reversed(list(CONTENDERS)))
                for c in order:
                    d = self.project_dir(c, spec)
                    _, files = self.java_sources(c, spec)
                    argfile = os.path.join(d, "sources.txt")
                    with open(argfile, "w") as f:
                        f.write("\n".join(x for x in files if x.endswith(".java")) + "\n")
                    cp = open(os.path.join(d, "classpath.txt")).read().strip()
                    classes = os.path.join(d, "javac-classes")
                    shutil.rmtree(classes, ignore_errors=True)
                    os.makedirs(classes)
                    logfile = os.path.join(d, f"javac-{i + 1}.log")
                    rc, wall, cpu, rss, text = self.timed(["javac"] + flags + ["-cp", cp, "-d", classes,
                                                                               "@" + argfile], d, logfile)
                    classes_n = sum(len(n) for _, _, n in os.walk(classes))
                    r = {"ok": rc == 0, "wall": wall, "cpu": cpu, "rss": rss, "classes": classes_n,
                         "errors": len(re.findall(r": error: ", text))}
                    rows.setdefault((spec, c), []).append(r)
                    log(f"javac {spec} {c} run {i + 1}: rc={rc} wall={wall:.2f}s cpu={cpu:.2f}s rss={rss:.0f}MiB "
                        f"classes={classes_n}")
        self.results["javac"] = rows
        say("| document | contender | compiles | classes | wall s | CPU s | peak RSS MiB |")
        say("|---|---|---|---:|---:|---:|---:|")
        for spec in self.specs:
            for c in CONTENDERS:
                rs = rows[(spec, c)]
                ok = all(r["ok"] for r in rs)
                say(f"| {self.specs[spec]['label']} | {c} | {'yes' if ok else 'NO (' + str(rs[0]['errors']) + '+ errors)'}"
                    f" | {rs[-1]['classes']} | " + " | ".join(self.cell([r[k] for r in rs], k)
                                                              for k in ("wall", "cpu", "rss")) + " |")
        say()
        say("Ratios ccigen / OpenAPI Generator (medians; '~' = within noise):")
        say()
        for spec in self.specs:
            a, b = rows[(spec, "ccigen")], rows[(spec, "openapi-generator")]
            cells = []
            for k in ("wall", "cpu", "rss"):
                xa, xb = [r[k] for r in a], [r[k] for r in b]
                cells.append(f"{k} {ratio(median(xa), median(xb))}" + (" ~" if overlap(xa, xb) else ""))
            say(f"- {self.specs[spec]['label']}: " + ", ".join(cells))
        say()

    @staticmethod
    def java_version():
        out = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
        return out[1].strip() if len(out) > 1 else "?"

    # ------------------------------------------------------------------ 4/5. JMH and client
    def build_jmh(self):
        d = os.path.join(HERE, "jmh")
        log("building bench/jmh (generates the Kubernetes client with ccigen, packages benchmarks.jar)")
        rc = subprocess.call(self.mvn + ["-q", "package"], cwd=d,
                             stdout=open(os.path.join(WORK, "jmh-build.log"), "w"), stderr=subprocess.STDOUT)
        if rc != 0:
            log(f"bench/jmh build failed (rc {rc}), see {WORK}/jmh-build.log")
        return rc == 0

    def jmh(self):
        say("## 4. Run time: PodList of 1,000 pods, decode and encode (JMH)")
        say()
        jar = os.path.join(HERE, "jmh", "target", "benchmarks.jar")
        result = os.path.join(WORK, "jmh.json")
        opts = self.args.jmh_opts.split()
        cmd = ["java", "-jar", jar, "PodListCodecBench"] + opts + ["-prof", "gc", "-rf", "json", "-rff", result]
        say(f"`{' '.join(['java', '-jar', 'bench/jmh/target/benchmarks.jar', 'PodListCodecBench'] + opts + ['-prof', 'gc'])}`"
            " — average time per operation (lower is better) and bytes allocated per operation "
            "(`gc.alloc.rate.norm`). ccigen: generated models + generated `Json.mapper()` (Jackson 2); fabric8 "
            "8.0.0: `KubernetesSerialization` (Jackson 3); official: client-java-api 24.0.0 `JSON` (Gson). "
            "Input: a String; output: a String.")
        say()
        with open(os.path.join(WORK, "jmh.log"), "w") as out:
            subprocess.call(cmd, stdout=out, stderr=subprocess.STDOUT)
        try:
            data = json.load(open(result))
        except (OSError, ValueError):
            say("JMH produced no results; see bench/target/work/jmh.log")
            return
        table = {}
        for b in data:
            name = b["benchmark"].rsplit(".", 1)[1]
            m = re.match(r"(decode|encode)(\w+)", name)
            op, who = m.group(1), m.group(2).lower()
            sec = b.get("secondaryMetrics", {})
            table[(op, who)] = {
                "score": b["primaryMetric"]["score"], "error": b["primaryMetric"]["scoreError"],
                "alloc": sec.get("gc.alloc.rate.norm", sec.get("·gc.alloc.rate.norm", {})).get("score"),
                "rate": sec.get("gc.alloc.rate", sec.get("·gc.alloc.rate", {})).get("score"),
            }
        self.results["jmh"] = table
        say("| op | models | ms/op (± 99.9% CI) | MB allocated/op | alloc rate MB/s |")
        say("|---|---|---:|---:|---:|")
        for (op, who), r in sorted(table.items()):
            alloc = r["alloc"] / 1e6 if r["alloc"] is not None else None
            say(f"| {op} | {who} | {r['score']:.2f} ± {r['error']:.2f} | {fmt(alloc, '', 1)} | {fmt(r['rate'], '', 0)} |")
        say()
        say("Ratios ccigen / peer (below 1 = ccigen faster / allocates less; '~' = the 99.9% confidence "
            "intervals overlap, i.e. within noise):")
        say()
        for op in ("decode", "encode"):
            a = table.get((op, "ccigen"))
            for peer in ("fabric8", "official"):
                b = table.get((op, peer))
                if not a or not b:
                    continue
                noise = abs(a["score"] - b["score"]) <= a["error"] + b["error"]
                say(f"- {op} vs {peer}: time {ratio(a['score'], b['score'])}{' ~' if noise else ''}, "
                    f"allocation {ratio(a['alloc'], b['alloc'])}")
        say()

    def client(self):
        say("## 5. Client overhead: GET one Pod from a local HttpServer")
        say()
        jar = os.path.join(HERE, "jmh", "target", "benchmarks.jar")
        cmd = ["java", "-cp", jar, "dev.ccigen.bench.ClientBench", str(self.args.client_rounds),
               str(self.args.client_gets), "1,8"]
        say(f"`java -cp bench/jmh/target/benchmarks.jar dev.ccigen.bench.ClientBench {self.args.client_rounds} "
            f"{self.args.client_gets} 1,8`: JDK `HttpServer` on 127.0.0.1 (8 threads, TCP_NODELAY) serving a fixed "
            f"Pod; each run warms up with a fifth of the GETs then times {self.args.client_gets:,} GETs over 1 or 8 "
            f"threads sharing one client; {self.args.client_rounds} rounds, the contenders' order rotating; "
            "medians. ccigen: `K8sClient.builder().endpoint(..).token(\"t\").build().coreV1().pods(\"default\")"
            ".get(\"p\")`; fabric8 8.0.0: `client.pods().inNamespace(\"default\").withName(\"p\").get()` on its JDK "
            "HttpClient factory and on its default Vert.x 5 one.")
        say()
        with open(os.path.join(WORK, "client.log"), "w") as out:
            subprocess.call(cmd, stdout=out, stderr=subprocess.STDOUT)
        text = open(os.path.join(WORK, "client.log")).read()
        med = {}
        runs = {}
        for m in re.finditer(r"MEDIAN client=(\S+) threads=(\d+) ops/s=(\d+) runs=\[(.*)\]", text):
            med[(m.group(1), int(m.group(2)))] = float(m.group(3))
            runs[(m.group(1), int(m.group(2)))] = [float(x) for x in m.group(4).split(",")]
        self.results["client"] = med
        if not med:
            say("The client benchmark produced no results; see bench/target/work/client.log")
            return
        say("| client | threads | GETs/s (median) | runs |")
        say("|---|---:|---:|---|")
        for (who, t), v in sorted(med.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            say(f"| {who} | {t} | {v:.0f} | {', '.join(f'{x:.0f}' for x in runs[(who, t)])} |")
        say()
        say("Ratios ccigen / peer in GETs/s (above 1 = ccigen faster; '~' = within noise):")
        say()
        for t in (1, 8):
            for peer in ("fabric8-jdk", "fabric8-vertx"):
                a, b = med.get(("ccigen", t)), med.get((peer, t))
                if a and b:
                    noise = overlap(runs[("ccigen", t)], runs[(peer, t)])
                    say(f"- {t} thread(s) vs {peer}: {a / b:.2f}{' ~' if noise else ''}")
        say()

    def crds(self):
        say("## CRDs: ccigen vs fabric8's java-generator on specs/crds/ (bench/crds.sh)")
        say()
        env = dict(os.environ, BENCH_REPO_LOCAL=self.args.repo_local)
        r = subprocess.run([os.path.join(HERE, "crds.sh"), str(self.args.runs + 1)], cwd=ROOT, env=env,
                           capture_output=True, text=True)
        for line in r.stdout.splitlines():
            if not line.startswith("SLF4J"):
                say(line)
        if r.returncode != 0:
            say(f"(bench/crds.sh failed: exit {r.returncode}; {r.stderr.strip()[-500:]})")
        say()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--repo-local", required=True)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--compile-runs", type=int, default=3)
    p.add_argument("--jmh-opts", default="-f 2 -wi 3 -i 5 -w 1s -r 2s")
    p.add_argument("--client-rounds", type=int, default=3)
    p.add_argument("--client-gets", type=int, default=10_000)
    p.add_argument("--skip", default="")
    args = p.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    b = Bench(args)
    started = time.time()
    mem = [l for l in open("/proc/meminfo") if l.startswith("MemTotal")][0].split()[1]
    say("# ccigen benchmarks: raw results")
    say()
    say(f"- date: {datetime.now().astimezone().isoformat(timespec='seconds')}")
    say(f"- machine: {os.cpu_count()} cores, {int(mem) / 1024 / 1024:.1f} GiB memory, "
        f"load average at start {os.getloadavg()[0]:.2f}")
    say(f"- JDK: {b.java_version()}; Maven: "
        + subprocess.run(["mvn", "-v"], capture_output=True, text=True).stdout.splitlines()[0].replace("\x1b[1m", "").replace("\x1b[m", ""))
    say(f"- commit: {subprocess.run(['git', 'rev-parse', '--short', 'HEAD'], cwd=ROOT, capture_output=True, text=True).stdout.strip()}")
    say(f"- MAVEN_OPTS of the consumer builds: {os.environ.get('MAVEN_OPTS') or '(none)'}")
    say()
    if not {"gen", "size", "javac"} <= skip:
        b.prepare()
    if "gen" not in skip:
        b.generation()
    if "size" not in skip:
        b.size()
    if "javac" not in skip:
        b.javac()
    if not {"jmh", "client"} <= skip and b.build_jmh():
        if "jmh" not in skip:
            b.jmh()
        if "client" not in skip:
            b.client()
    if "crds" not in skip:
        b.crds()
    say(f"(whole run: {(time.time() - started) / 60:.1f} min, load average at the end {os.getloadavg()[0]:.2f})")
    os.makedirs(os.path.join(HERE, "target"), exist_ok=True)
    with open(os.path.join(HERE, "target", "results.md"), "w") as f:
        f.write("\n".join(out_lines) + "\n")
    print(f"\nwritten: {os.path.join(HERE, 'target', 'results.md')}")


if __name__ == "__main__":
    sys.exit(main())
