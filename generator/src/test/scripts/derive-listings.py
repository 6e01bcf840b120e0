#!/usr/bin/env python3
"""Derives Kubernetes API-groups listings (the discovery documents of api/discovery/) from an OpenAPI v2 document.

Used for Kubernetes documents whose listings are not published beside them (reference-docs publishes swagger.json
only). Everything comes from the document's operations, nothing is invented:
  - a resource is the path after /api/v1/ or /apis/<group>/<version>/, without watch/ and namespaces/{namespace}/;
    `pods/{name}/status` is the subresource pods/status;
  - namespaced when one of its paths has namespaces/{namespace}/ before it;
  - verbs are the operations' x-kubernetes-action: get, list, post -> create, put -> update, patch, delete,
    deletecollection, watch and watchlist -> watch; connect -> the HTTP method's verb (get, create, update, delete);
  - kind is the operations' x-kubernetes-group-version-kind (Scale for deployments/scale);
  - singularName is the kind in lower case for a resource (what an apiserver derives when a type sets none), "" for a
    subresource, as servers send it;
  - a group's versions are those with paths, the preferred one first by Kubernetes' version priority (GA, beta,
    alpha; higher numbers first).
Not derivable, so left out: shortNames, categories, storageVersionHash.

Usage: derive-listings.py swagger.json[.gz] out-folder
"""
import gzip, json, os, re, sys
from collections import defaultdict

ACTION_VERBS = {"get": "get", "list": "list", "post": "create", "put": "update", "patch": "patch", "delete": "delete",
                "deletecollection": "deletecollection", "watch": "watch", "watchlist": "watch"}
METHOD_VERBS = {"get": "get", "post": "create", "put": "update", "patch": "patch", "delete": "delete",
                "head": "get", "options": "get"}


def version_priority(v):
    m = re.fullmatch(r"v(\d+)(?:(alpha|beta)(\d+))?", v)
    if not m:
        return (3, 0, 0, v)
    stage = {None: 0, "beta": 1, "alpha": 2}[m.group(2)]
    return (stage, -int(m.group(1)), -int(m.group(3) or 0), v)


def main(source, out):
    opener = gzip.open if source.endswith(".gz") else open
    with opener(source, "rt", encoding="utf-8") as f:
        doc = json.load(f)
    resources = defaultdict(dict)  # (group, version) -> name -> {kind, namespaced, verbs}
    for path, item in doc["paths"].items():
        m = re.fullmatch(r"/api/(v1)/(.*)|/apis/([^/]+)/([^/]+)/(.*)", path)
        if not m:
            continue
        group, version, rest = ("", m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4), m.group(5))
        segments = rest.split("/")
        if segments[0] == "watch":
            segments = segments[1:]
        namespaced = len(segments) > 2 and segments[0] == "namespaces" and segments[1] == "{namespace}"
        if namespaced:
            segments = segments[2:]
        if not segments or segments[0].startswith("{"):
            continue
        name = segments[0]
        if len(segments) >= 3 and segments[1].startswith("{"):
            name += "/" + segments[2]
        elif len(segments) > 2 or len(segments) == 2 and not segments[1].startswith("{"):
            continue
        for method, op in item.items():
            if not isinstance(op, dict) or "x-kubernetes-action" not in op:
                continue
            action = op["x-kubernetes-action"]
            verb = METHOD_VERBS.get(method) if action == "connect" else ACTION_VERBS.get(action)
            gvk = op.get("x-kubernetes-group-version-kind", {})
            entry = resources[(group, version)].setdefault(name, {"kind": gvk.get("kind"), "namespaced": False, "verbs": set()})
            entry["namespaced"] |= namespaced
            if entry["kind"] is None:
                entry["kind"] = gvk.get("kind")
            if verb:
                entry["verbs"].add(verb)
    os.makedirs(out, exist_ok=True)

    def write(name, value):
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            json.dump(value, f, indent=2, sort_keys=True, ensure_ascii=False)
            f.write("\n")

    groups = defaultdict(list)
    for (group, version), by_name in sorted(resources.items()):
        groups[group].append(version)
        listed = []
        for name, r in sorted(by_name.items()):
            sub = "/" in name
            listed.append({"kind": r["kind"] or "", "name": name, "namespaced": r["namespaced"],
                           "singularName": "" if sub else (r["kind"] or "").lower(), "verbs": sorted(r["verbs"])})
        gv = version if group == "" else group + "/" + version
        endpoint = "api__" + version if group == "" else "apis__" + group + "__" + version
        write(endpoint + ".json", {"apiVersion": "v1", "groupVersion": gv, "kind": "APIResourceList", "resources": listed})
    write("api.json", {"kind": "APIVersions", "serverAddressByClientCIDRs": [], "versions": sorted(groups.get("", []))})
    group_list = []
    for group in sorted(g for g in groups if g):
        versions = sorted(groups[group], key=version_priority)
        entry = {"name": group,
                 "preferredVersion": {"groupVersion": group + "/" + versions[0], "version": versions[0]},
                 "versions": [{"groupVersion": group + "/" + v, "version": v} for v in versions]}
        group_list.append(entry)
        write("apis__" + group + ".json", dict(entry, apiVersion="v1", kind="APIGroup"))
    write("apis.json", {"apiVersion": "v1", "groups": group_list, "kind": "APIGroupList"})


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
