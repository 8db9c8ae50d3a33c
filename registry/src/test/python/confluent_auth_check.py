"""Drives a secured Schema Registry with Confluent's own Python client and checks who may do what.

Usage: confluent_auth_check.py REGISTRY_URL CA_PEM WRITER_USER_INFO READER_USER_INFO
The registry serves HTTPS with a certificate signed by CA_PEM and authenticates with HTTP basic authentication;
WRITER_USER_INFO (user:password) has the read-write role, READER_USER_INFO the read-only one. Prints one
"OK <step>" line per check and "ALL CHECKS PASSED" at the end; exits non-zero on the first failure.
"""
import sys

from confluent_kafka.schema_registry import Schema, SchemaRegistryClient
from confluent_kafka.schema_registry.error import SchemaRegistryError

V1 = '{"type":"record","name":"Factor","fields":[{"name":"value","type":"double"}]}'
V2 = ('{"type":"record","name":"Factor","fields":[{"name":"value","type":"double"},'
      '{"name":"unit","type":"string","default":"t"}]}')
SUBJECT = "py-secured-value"


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


def main(url, ca, writer_info, reader_info):
    def client(user_info=None):
        conf = {"url": url, "ssl.ca.location": ca}
        if user_info is not None:
            conf["basic.auth.user.info"] = user_info
        return SchemaRegistryClient(conf)

    writer = client(writer_info)
    schema_id = writer.register_schema(SUBJECT, Schema(V1, "AVRO"))
    check("writer register_schema", schema_id, 1)

    reader = client(reader_info)
    check("reader get_schema", reader.get_schema(schema_id).schema_str is not None, True)
    check("reader get_subjects", reader.get_subjects(), [SUBJECT])
    check("reader lookup_schema", reader.lookup_schema(SUBJECT, Schema(V1, "AVRO")).schema_id, schema_id)
    check("reader test_compatibility", reader.test_compatibility(SUBJECT, Schema(V2, "AVRO")), True)
    expect_error("reader register refused", lambda: reader.register_schema(SUBJECT, Schema(V2, "AVRO")), 403, 40301)
    expect_error("reader delete refused", lambda: reader.delete_subject(SUBJECT), 403, 40301)
    expect_error("reader set_compatibility refused", lambda: reader.set_compatibility(level="NONE"), 403, 40301)

    expect_error("anonymous get_subjects refused", lambda: client().get_subjects(), 401, 401)
    expect_error("anonymous register refused", lambda: client().register_schema(SUBJECT, Schema(V2, "AVRO")), 401, 401)
    wrong = writer_info.split(":")[0] + ":not-the-password"
    expect_error("wrong password refused", lambda: client(wrong).get_schema(schema_id), 401, 401)
    expect_error("unknown user refused", lambda: client("mallory:secret").get_subjects(), 401, 401)

    check("writer register v2", writer.register_schema(SUBJECT, Schema(V2, "AVRO")), 2)
    check("writer delete_subject", writer.delete_subject(SUBJECT), [1, 2])
    print("ALL CHECKS PASSED", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:5])
