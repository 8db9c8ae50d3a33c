/** The least-privilege Kafka ACLs of every party to a ParkWatch cluster, and the command that prints or creates them. */
package org.parkwatch.deploy.acl;
