"""Confluent's own Python Avro serde, driven from ParkWatch's interoperability test.

serialize <registry-url> <topic> <schema-file> <record-json>  -> prints the wire-format bytes as hex
deserialize <registry-url> <topic> <hex>                        -> prints the record as JSON
Timestamps travel as epoch milliseconds.
"""
import datetime
import json
import sys

from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer, AvroSerializer
from confluent_kafka.serialization import MessageField, SerializationContext


def millis(value):
    if isinstance(value, datetime.datetime):
        delta = value - datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
        return delta.days * 86_400_000 + delta.seconds * 1000 + delta.microseconds // 1000
    raise TypeError(f"cannot encode {type(value)}")


def main(argv):
    mode, url, topic = argv[1], argv[2], argv[3]
    registry = SchemaRegistryClient({"url": url})
    context = SerializationContext(topic, MessageField.VALUE)
    if mode == "serialize":
        with open(argv[4], encoding="utf-8") as schema_file:
            schema_str = schema_file.read()
        serializer = AvroSerializer(registry, schema_str)
        print(serializer(json.loads(argv[5]), context).hex())
    elif mode == "deserialize":
        deserializer = AvroDeserializer(registry)
        print(json.dumps(deserializer(bytes.fromhex(argv[4]), context), default=millis, sort_keys=True))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv)
