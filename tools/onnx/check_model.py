#!/usr/bin/env python3
"""Checks fer4j's exported ONNX files with the official onnx package.

For each file: onnx.checker.check_model(full_check=True) (structure, operator schemas and strict
shape inference), then what fer4j promises on top: IR version 8, default opset 17, the input
named 'input' with a dynamic first axis 'batch', the first output named 'logits' with the same
dynamic axis, and the fer4j.* metadata entries (JSON where structured).

Usage: check_model.py MODEL.onnx [MODEL.onnx ...]; exits non-zero at the first problem.
"""
import json
import sys

import onnx

EXPECTED_IR = 8
EXPECTED_OPSET = 17
JSON_KEYS = ("fer4j.class_names", "fer4j.preprocess", "fer4j.provenance")


def fail(path, message):
    sys.exit(f"{path}: {message}")


def check(path):
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    if model.ir_version != EXPECTED_IR:
        fail(path, f"IR version {model.ir_version}, expected {EXPECTED_IR}")
    opsets = {o.domain: o.version for o in model.opset_import}
    if opsets.get("", opsets.get("ai.onnx")) != EXPECTED_OPSET:
        fail(path, f"opset imports {opsets}, expected default domain {EXPECTED_OPSET}")
    graph = model.graph
    if [i.name for i in graph.input] != ["input"]:
        fail(path, f"inputs {[i.name for i in graph.input]}, expected ['input']")
    if not graph.output or graph.output[0].name != "logits":
        fail(path, f"outputs {[o.name for o in graph.output]}, expected 'logits' first")
    for value in list(graph.input) + list(graph.output):
        first = value.type.tensor_type.shape.dim[0]
        if first.dim_param != "batch":
            fail(path, f"{value.name}: first axis {first}, expected the dynamic axis 'batch'")
    meta = {p.key: p.value for p in model.metadata_props}
    if "fer4j.model" not in meta:
        fail(path, f"metadata {sorted(meta)} lacks fer4j.model")
    for key in JSON_KEYS:
        if key not in meta:
            fail(path, f"metadata {sorted(meta)} lacks {key}")
        json.loads(meta[key])
    classes = json.loads(meta["fer4j.class_names"])
    logits = graph.output[0].type.tensor_type.shape.dim
    # (batch, classes, ...), or (batch) for a single named value such as face-api's age; a
    # detector's (batch, anchors, fields) names its last axis
    widths = {logits[1].dim_value, logits[-1].dim_value} if len(logits) >= 2 else {1}
    if len(classes) not in widths:
        fail(path, f"logits shape {logits} does not match {len(classes)} class names")
    print(f"{path}: ok ({len(graph.node)} nodes, {len(graph.initializer)} initializers)")


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for file in sys.argv[1:]:
        check(file)
