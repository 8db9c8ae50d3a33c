#!/usr/bin/env python3
"""Reduces Kubernetes' OpenAPI v2 document (swagger.json) to the definitions the ParkWatch manifests use.

Keeps the kinds listed below and every definition they reference, drops descriptions, and leaves everything else as
published, so the result is the upstream schema of those kinds, only smaller:
    python3 reduce-openapi.py swagger.json > kubernetes-1.33.0-definitions.json
"""
import json
import sys

KINDS = [
    "io.k8s.api.apps.v1.StatefulSet",
    "io.k8s.api.apps.v1.Deployment",
    "io.k8s.api.batch.v1.Job",
    "io.k8s.api.core.v1.ConfigMap",
    "io.k8s.api.core.v1.Secret",
    "io.k8s.api.core.v1.Service",
    "io.k8s.api.networking.v1.Ingress",
    "io.k8s.api.policy.v1.PodDisruptionBudget",
]


def refs(node, found):
    if isinstance(node, dict):
        ref = node.get("$ref")
        if ref:
            found.add(ref.rsplit("/", 1)[-1])
        for value in node.values():
            refs(value, found)
    elif isinstance(node, list):
        for value in node:
            refs(value, found)


def without_descriptions(node):
    if isinstance(node, dict):
        return {k: without_descriptions(v) for k, v in node.items() if k != "description"}
    if isinstance(node, list):
        return [without_descriptions(v) for v in node]
    return node


def main(path):
    definitions = json.load(open(path, encoding="utf-8"))["definitions"]
    keep, todo = set(), list(KINDS)
    while todo:
        name = todo.pop()
        if name in keep:
            continue
        keep.add(name)
        found = set()
        refs(definitions[name], found)
        todo.extend(found - keep)
    reduced = {name: without_descriptions(definitions[name]) for name in sorted(keep)}
    json.dump({"definitions": reduced}, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
