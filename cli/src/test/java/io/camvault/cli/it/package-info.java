/**
 * End-to-end tests run by maven-failsafe after {@code camvault.jar} is packaged: each starts the
 * real daemon as a separate process ({@link io.camvault.cli.it.Daemon}) and talks to it only
 * over the network, with clients nobody here wrote (tus-java-client, tus-js-client run by node)
 * or with raw sockets. They check what the daemon stored by reading the data directory.
 */
package io.camvault.cli.it;
