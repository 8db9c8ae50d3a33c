/** The registry's HTTP face: Confluent's Schema Registry REST API on Javalin. */
package org.parkwatch.registry.http;
