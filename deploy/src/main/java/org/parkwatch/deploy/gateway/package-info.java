/** The HJ 212 gateway run from ParkWatch's configuration, alone or inside the local stack. */
package org.parkwatch.deploy.gateway;
