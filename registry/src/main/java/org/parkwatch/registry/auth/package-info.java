/** Who may use the registry: users and roles from a password file, and what each role may do. */
package org.parkwatch.registry.auth;
