#!/usr/bin/env python3
"""Writes the AdmissionReview bodies the wrk runs post, into the directory given as argv[1]."""
import copy
import json
import os
import sys

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
here = os.path.dirname(os.path.abspath(__file__))
examples = os.path.join(here, "..", "examples")


def load(name):
    with open(os.path.join(examples, name)) as f:
        return json.load(f)


def dump(name, doc):
    with open(os.path.join(out, name), "w") as f:
        json.dump(doc, f, separators=(",", ":"))


pod = load("inject-deployment-pod.json")
dump("inject-pod.json", pod)
dump("inject-hostnetwork.json", load("inject-hostnetwork-pod.json"))

# the same pod carrying ~1 MB of managedFields, as a busy controller leaves them
big = copy.deepcopy(pod)
entries = []
size = 0
i = 0
while size < 1024 * 1024 + 64 * 1024:
    entry = {"manager": "controller-%d" % i, "operation": "Update", "apiVersion": "v1",
             "time": "2026-11-25T20:00:00Z", "fieldsType": "FieldsV1",
             "fieldsV1": {"f:metadata": {"f:labels": {"f:label-%d-%s" % (i, "x" * 40): {} for _ in range(1)},
                                         "f:annotations": {"f:note-%d" % j: {} for j in range(20)}},
                          "f:spec": {"f:containers": {"k:{\"name\":\"hello\"}": {"f:env": {
                              "k:{\"name\":\"VAR_%d_%d\"}" % (i, j): {".": {}, "f:name": {}, "f:value": {}}
                              for j in range(10)}}}}}}
    entries.append(entry)
    size += len(json.dumps(entry))
    i += 1
big["request"]["object"]["metadata"]["managedFields"] = entries
dump("inject-managedfields-1mb.json", big)

vs = load("validate-virtualservice.json")
routes = []
for i in range(20):
    routes.append({
        "name": "route-%d" % i,
        "match": [{"uri": {"prefix": "/api/v%d/" % i},
                   "headers": {"x-tenant": {"regex": "tenant-[a-z]{2,%d}" % (i + 2)}}}],
        "rewrite": {"uri": "/v%d/" % i},
        "timeout": "3s",
        "retries": {"attempts": 3, "perTryTimeout": "1s", "retryOn": "5xx,reset"},
        "route": [{"destination": {"host": "shop-v1", "port": {"number": 8080}}, "weight": 80},
                  {"destination": {"host": "shop-v2", "port": {"number": 8080}}, "weight": 20}],
        "headers": {"response": {"set": {"x-route": "r%d" % i}}},
    })
vs["request"]["object"]["spec"] = {"hosts": ["shop.default.svc.cluster.local", "shop.example.com"],
                                   "gateways": ["mesh", "istio-system/public"], "http": routes}
dump("validate-vs-20-routes.json", vs)
dump("validate-delete.json", load("validate-delete.json"))
# DELETE as the API server sends it: oldObject carries the stored object (here the same 20-route VirtualService)
delete_full = load("validate-delete.json")
delete_full["request"]["oldObject"] = copy.deepcopy(vs["request"]["object"])
dump("validate-delete-with-oldobject.json", delete_full)
for name in sorted(os.listdir(out)):
    print("%-32s %9d bytes" % (name, os.path.getsize(os.path.join(out, name))))
