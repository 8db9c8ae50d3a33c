/** The TCP side: a Netty server whose handler feeds each connection's bytes to its intake and sends the answers. */
package org.parkwatch.gateway.server;
