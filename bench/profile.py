#!/usr/bin/env python3
"""Profiles behind bench/RESULTS.md's analysis of missed targets (run after bench/run.sh, which leaves the consumer
projects in bench/target/work/). JFR (JDK 17's own) with settings=profile; `jfr print --json` aggregated here.

  python3 bench/profile.py --repo-local M2 [gen] [javac] [rerun] [jmh]

gen    a clean `mvn generate-sources` of ccigen on the Kubernetes document under JFR: hot methods (self samples),
       samples by ccigen stage (first dev.ccigen frame), and allocation by site.
javac  javac over ccigen's Kubernetes output under JFR: samples by javac phase and hot methods; then javac over
       the models alone and the rest alone.
rerun  `mvn -o validate` vs `mvn -o generate-sources` with nothing changed, alternating: the plugin's whole cost.
jmh    the decode/encode benchmarks of ccigen and fabric8 under JFR: hot methods and allocation sites.
"""
import argparse
import collections
import json
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORK = os.path.join(HERE, "target", "work")
PROF = os.path.join(HERE, "target", "profile")


def frames_of(event):
    st = event.get("values", {}).get("stackTrace") or {}
    out = []
    for f in st.get("frames", []):
        m = f.get("method", {})
        t = m.get("type", {}).get("name", "?").replace("/", ".")
        out.append(f"{t}.{m.get('name', '?')}")
    return out


def load(jfr_file, event):
    text = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", event, jfr_file],
                          capture_output=True, text=True).stdout
    try:
        return json.loads(text)["recording"]["events"]
    except (ValueError, KeyError):
        return []


def top(counter, total, n, title):
    print(f"\n{title} ({total} samples)")
    for k, v in counter.most_common(n):
        print(f"  {100.0 * v / max(total, 1):5.1f}%  {k}")


def summarize(jfr_file, stage_of, n=25):
    samples = load(jfr_file, "jdk.ExecutionSample")
    self_c, stage_c, incl_c = collections.Counter(), collections.Counter(), collections.Counter()
    for e in samples:
        fr = frames_of(e)
        if not fr:
            continue
        self_c[fr[0]] += 1
        stage_c[stage_of(fr)] += 1
        for f in set(fr):
            incl_c[f] += 1
    top(self_c, len(samples), n, "hot methods, self time")
    top(stage_c, len(samples), n, "samples by stage")
    leaf_c = collections.Counter()
    for e in samples:
        fr = frames_of(e)
        if fr:
            leaf_c[stage_of(fr).split(" / ")[0] + "  <-  " + fr[0]] += 1
    top(leaf_c, len(samples), n, "hot methods by stage")
    allocs = load(jfr_file, "jdk.ObjectAllocationSample")
    site_c, cls_c = collections.Counter(), collections.Counter()
    total = 0
    for e in allocs:
        w = e["values"].get("weight", 0)
        total += w
        fr = frames_of(e)
        cls = (e["values"].get("objectClass") or {}).get("name", "?")
        cls_c[cls] += w
        site = stage_of(fr) if fr else "?"
        site_c[site + " <- " + (fr[0] if fr else "?")] += w
    print(f"\nallocation (sampled weight {total / 1e6:.0f} MB) by class:")
    for k, v in cls_c.most_common(12):
        print(f"  {100.0 * v / max(total, 1):5.1f}%  {k}")
    print("allocation by stage <- allocating method:")
    for k, v in site_c.most_common(15):
        print(f"  {100.0 * v / max(total, 1):5.1f}%  {k}")
    return incl_c


def library(frame):
    for prefix, name in (("com/github/mustachejava", "Mustache"), ("com.github.mustachejava", "Mustache"),
                         ("com/github/javaparser", "JavaParser"), ("com.github.javaparser", "JavaParser"),
                         ("com/fasterxml/jackson", "Jackson"), ("com.fasterxml.jackson", "Jackson"),
                         ("java/util/regex", "regex"), ("java.util.regex", "regex"),
                         ("dev/ccigen", "ccigen"), ("dev.ccigen", "ccigen")):
        if frame.startswith(prefix):
            return name
    return "JDK/other"


def ccigen_stage(frames):
    """'<stage> / <library of the leaf frame>', the stage being the package of the innermost ccigen frame."""
    for f in frames:
        g = f.replace("/", ".")
        if g.startswith("dev.ccigen.") and ".maven." not in g:
            parts = g.split(".")
            stage = parts[3] if len(parts) > 4 and parts[2] == "generator" else ".".join(parts[2:4])
            return f"ccigen {stage} / {library(frames[0])}"
    for f in frames:
        if f.replace("/", ".").startswith("dev.ccigen.maven."):
            return f"ccigen mojo / {library(frames[0])}"
    return "Maven itself (outside the plugin) / " + library(frames[0])


def jfc():
    """JDK's profile settings with Java method sampling every 1 ms instead of 10 ms (short runs)."""
    home = subprocess.run(["java", "-XshowSettings:properties", "-version"], capture_output=True,
                          text=True).stderr
    java_home = re.search(r"java.home = (\S+)", home).group(1)
    text = open(os.path.join(java_home, "lib", "jfr", "profile.jfc")).read()
    text = re.sub(r'(control="method-sampling-java-interval">)[^<]*', r"\g<1>1 ms", text)
    path = os.path.join(PROF, "profile-1ms.jfc")
    open(path, "w").write(text)
    return path


JAVAC_PHASES = [("com.sun.tools.javac.parser.", "parse"), ("com.sun.tools.javac.comp.Enter", "enter"),
                ("com.sun.tools.javac.comp.TypeEnter", "enter (members)"),
                ("com.sun.tools.javac.comp.MemberEnter", "enter (members)"),
                ("com.sun.tools.javac.comp.Annotate", "annotate"), ("com.sun.tools.javac.comp.Flow", "flow"),
                ("com.sun.tools.javac.comp.Attr", "attribute"), ("com.sun.tools.javac.comp.TransTypes", "erasure"),
                ("com.sun.tools.javac.comp.TransPatterns", "lower"),
                ("com.sun.tools.javac.comp.LambdaToMethod", "lambda"), ("com.sun.tools.javac.comp.Lower", "lower"),
                ("com.sun.tools.javac.jvm.Gen", "generate"), ("com.sun.tools.javac.jvm.ClassWriter", "write"),
                ("com.sun.tools.javac.jvm.ClassReader", "read classpath"),
                ("com.sun.tools.javac.code.ClassFinder", "read classpath")]


def javac_stage(frames):
    # The outermost javac phase on the stack (its driver, JavaCompiler.<phase>, is nearer the bottom).
    for f in frames:
        if f.startswith("com.sun.tools.javac.main.JavaCompiler."):
            return "JavaCompiler." + f.rsplit(".", 1)[1]
    for prefix, name in JAVAC_PHASES:
        if any(f.startswith(prefix) for f in frames):
            return name
    return "other " + (frames[0] if frames else "?")


def mvn(args, repo):
    return ["mvn", "-B", f"-Dmaven.repo.local={repo}"] + args


def gen(args):
    d = os.path.join(WORK, "ccigen-k8s")
    spec = os.path.join(ROOT, "generator/src/test/resources/kubernetes/swagger-1.20.json.gz")
    jfr = os.path.join(PROF, "gen.jfr")
    subprocess.call(["rm", "-rf", os.path.join(d, "target")])
    env = dict(os.environ, MAVEN_OPTS=f"-XX:StartFlightRecording=filename={jfr},settings={jfc()}")
    subprocess.call(mvn(["-o", "-q", f"-Dbench.spec={spec}", "generate-sources"], args.repo_local), cwd=d, env=env,
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print("=== ccigen generation, Kubernetes 1.20, clean run under JFR ===")
    incl = summarize(jfr, ccigen_stage)
    print("\ninclusive, ccigen and library entry points:")
    keys = [k for k in incl if k.startswith(("dev.ccigen.", "com.github.javaparser.JavaParser.",
                                             "com.github.mustachejava.", "com.fasterxml.jackson.databind.ObjectMapper"))]
    total = max(incl.values()) if incl else 1
    for k in sorted(keys, key=lambda k: -incl[k])[:30]:
        print(f"  {incl[k]:6d}  {k}")


def javac(args):
    d = os.path.join(WORK, "ccigen-k8s")
    out = os.path.join(d, "target/generated-sources/ccigen")
    files = []
    for dp, _, ns in os.walk(out):
        files += [os.path.join(dp, n) for n in ns if n.endswith(".java")]
    cp = open(os.path.join(d, "classpath.txt")).read().strip()
    flags = ["--release", "17", "-proc:none", "-encoding", "UTF-8", "-nowarn", "-Xlint:none"]
    jfr = os.path.join(PROF, "javac.jfr")
    src = os.path.join(PROF, "sources.txt")
    open(src, "w").write("\n".join(files) + "\n")
    cls = os.path.join(PROF, "classes")
    subprocess.call(["rm", "-rf", cls])
    os.makedirs(cls)
    subprocess.call(["javac", f"-J-XX:StartFlightRecording=filename={jfr},settings={jfc()}"] + flags
                    + ["-cp", cp, "-d", cls, "@" + src])
    print("=== javac over ccigen's Kubernetes output under JFR ===")
    incl = summarize(jfr, javac_stage)
    print("\ninclusive, javac components:")
    keys = [k for k in incl if k.startswith("com.sun.tools.javac.comp.") or ".Infer." in k or "Resolve" in k]
    for k in sorted(keys, key=lambda k: -incl[k])[:25]:
        print(f"  {incl[k]:6d}  {k}")
    # Models alone vs the rest against the models' classes.
    models = [f for f in files if "/model/" in f or "/runtime/" in f]
    rest = [f for f in files if f not in set(models)]
    for name, subset, extra in (("models + runtime", models, ""), ("api + client (models on the classpath)", rest, cls)):
        open(src, "w").write("\n".join(subset) + "\n")
        out_dir = os.path.join(PROF, "classes-" + name.split()[0])
        subprocess.call(["rm", "-rf", out_dir])
        os.makedirs(out_dir)
        lines = sum(open(f).read().count("\n") for f in subset)
        t = time.time()
        subprocess.call(["javac"] + flags + ["-cp", cp + (":" + extra if extra else ""), "-d", out_dir, "@" + src])
        print(f"javac {name}: {len(subset)} files, {lines} lines, {time.time() - t:.1f} s")


def rerun(args):
    d = os.path.join(WORK, "ccigen-k8s")
    spec = os.path.join(ROOT, "generator/src/test/resources/kubernetes/swagger-1.20.json.gz")
    res = collections.defaultdict(list)
    subprocess.call(mvn(["-o", "-q", f"-Dbench.spec={spec}", "generate-sources"], args.repo_local), cwd=d)
    for i in range(args.runs):
        for goal in (("validate", "generate-sources") if i % 2 == 0 else ("generate-sources", "validate")):
            t = time.time()
            subprocess.call(mvn(["-o", "-q", f"-Dbench.spec={spec}", goal], args.repo_local), cwd=d,
                            stdout=subprocess.DEVNULL)
            res[goal].append(time.time() - t)
    v, g = statistics.median(res["validate"]), statistics.median(res["generate-sources"])
    print(f"=== rerun with nothing changed: mvn -o validate {v:.3f} s vs mvn -o generate-sources {g:.3f} s "
          f"(medians of {args.runs}; runs {res}) -> plugin's whole cost {g - v:.3f} s ===")


def jmh(args):
    jar = os.path.join(HERE, "jmh", "target", "benchmarks.jar")
    for bench in ("decodeCcigen", "decodeFabric8", "encodeCcigen", "encodeFabric8"):
        jfr = os.path.join(PROF, bench + ".jfr")
        subprocess.call(["java", "-jar", jar, f"PodListCodecBench.{bench}$", "-f", "1", "-wi", "3", "-i", "3",
                         "-w", "1s", "-r", "2s", "-jvmArgsAppend",
                         f"-XX:StartFlightRecording=filename={jfr},settings=profile"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        print(f"=== JMH {bench} under JFR (warm-up included) ===")
        summarize(jfr, lambda fr: next((f for f in fr if f.startswith(("dev.ccigen.bench.k8s", "io.fabric8."))),
                                       fr[0] if fr else "?"), n=15)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--repo-local", required=True)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("what", nargs="*", default=["gen", "javac", "rerun"])
    args = p.parse_args()
    os.makedirs(PROF, exist_ok=True)
    for w in args.what:
        {"gen": gen, "javac": javac, "rerun": rerun, "jmh": jmh}[w](args)
        sys.stdout.flush()


if __name__ == "__main__":
    main()
