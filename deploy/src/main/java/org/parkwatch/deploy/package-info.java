/** The ParkWatch command line: the local stack in one command, and the steps to run against any cluster. */
package org.parkwatch.deploy;
