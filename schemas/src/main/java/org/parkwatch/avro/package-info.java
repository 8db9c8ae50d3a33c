/** Avro contracts of every ParkWatch topic; the classes are generated from {@code src/main/avro} at build time. */
package org.parkwatch.avro;
