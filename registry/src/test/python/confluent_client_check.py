"""Drives a Schema Registry with Confluent's own Python client and checks every answer.

Usage: confluent_client_check.py REGISTRY_URL
Expects a registry with no subjects and the default BACKWARD compatibility. Prints one
"OK <step>" line per check and "ALL CHECKS PASSED" at the end; exits non-zero on the first failure.
"""
import json
import sys

from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.error import SchemaRegistryError

V1 = '{"type":"record","name":"Reading","fields":[{"name":"a","type":"int"}]}'
V2 = ('{"type":"record","name":"Reading","fields":[{"name":"a","type":"int"},'
      '{"name":"b","type":"string","default":"x"}]}')
# Adds c without a default: a BACKWARD reader of this schema cannot read V2 data.
INCOMPATIBLE = ('{"type":"record","name":"Reading","fields":[{"name":"a","type":"int"},'
                '{"name":"b","type":"string","default":"x"},{"name":"c","type":"long"}]}')
OTHER = '{"type":"record","name":"Factor","fields":[{"name":"value","type":"double"}]}'
SUBJECT = "py-readings-value"


def check(step, actual, expected):
    if actual != expected:
        raise AssertionError("%s: expected %r, got %r" % (step, expected, actual))
    print("OK " + step, flush=True)


def expect_error(step, call, http_status, error_code):
    try:
        call()
    except SchemaRegistryError as error:
        check(step, (error.http_status_code, error.error_code), (http_status, error_code))
        return
    raise AssertionError(step + ": expected an error, got none")


def same_schema(text_a, text_b):
    return json.loads(text_a) == json.loads(text_b)


def main(url):
    writer = SchemaRegistryClient({"url": url})

    def fresh():
        # A new client each time, so answers come from the server and not from the client's cache.
        return SchemaRegistryClient({"url": url})

    check("register_schema", writer.register_schema(SUBJECT, Schema(V1, "AVRO")), 1)
    check("register_schema again", fresh().register_schema(SUBJECT, Schema(V1, "AVRO")), 1)
    check("get_schema", same_schema(fresh().get_schema(1).schema_str, V1), True)

    found = fresh().lookup_schema(SUBJECT, Schema(V1, "AVRO"))
    check("lookup_schema", (found.schema_id, found.subject, found.version), (1, SUBJECT, 1))

    check("register_schema v2", writer.register_schema(SUBJECT, Schema(V2, "AVRO")), 2)
    check("get_subjects", fresh().get_subjects(), [SUBJECT])
    latest = fresh().get_latest_version(SUBJECT)
    check("get_latest_version", (latest.schema_id, latest.version, same_schema(latest.schema.schema_str, V2)),
          (2, 2, True))
    check("get_version", fresh().get_version(SUBJECT, 1).schema_id, 1)
    check("get_versions", fresh().get_versions(SUBJECT), [1, 2])

    check("test_compatibility true", fresh().test_compatibility(SUBJECT, Schema(V1, "AVRO")), True)
    check("test_compatibility false", fresh().test_compatibility(SUBJECT, Schema(INCOMPATIBLE, "AVRO")), False)
    expect_error("register incompatible under BACKWARD",
                 lambda: fresh().register_schema(SUBJECT, Schema(INCOMPATIBLE, "AVRO")), 409, 409)
    expect_error("lookup_schema of an unknown schema",
                 lambda: fresh().lookup_schema(SUBJECT, Schema(OTHER, "AVRO")), 404, 40403)

    check("set_compatibility subject", fresh().set_compatibility(SUBJECT, "none"), {"compatibility": "NONE"})
    check("get_compatibility subject", fresh().get_compatibility(SUBJECT), "NONE")
    check("register under NONE", fresh().register_schema(SUBJECT, Schema(INCOMPATIBLE, "AVRO")), 3)
    check("set_compatibility global", fresh().set_compatibility(level="FULL"), {"compatibility": "FULL"})
    check("get_compatibility global", fresh().get_compatibility(), "FULL")

    check("delete_version", fresh().delete_version(SUBJECT, 1), 1)
    check("get_versions after delete_version", fresh().get_versions(SUBJECT), [2, 3])
    check("get_schema of a deleted version", same_schema(fresh().get_schema(1).schema_str, V1), True)

    check("delete_subject", fresh().delete_subject(SUBJECT), [2, 3])
    check("get_subjects after delete_subject", fresh().get_subjects(), [])
    expect_error("get_latest_version of a deleted subject",
                 lambda: fresh().get_latest_version(SUBJECT), 404, 40401)

    fresh().register_schema("py-factors-value", Schema(OTHER, "AVRO"))
    check("delete_subject permanent", fresh().delete_subject("py-factors-value", permanent=True), [1])
    expect_error("get_schema after permanent delete", lambda: fresh().get_schema(4), 404, 40403)

    print("ALL CHECKS PASSED", flush=True)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: confluent_client_check.py REGISTRY_URL")
    main(sys.argv[1])
