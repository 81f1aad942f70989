/**
 * The {@code camvault} command: the daemon ({@code serve}), offline administration against a
 * data directory ({@code admin}), and later the dock agent and clerk commands. Only this package
 * has a {@code main}; everything below reports failures by exception.
 */
package io.camvault.cli;
