/** Test helpers shared across packages: both key-value stores behind one switch, and a fake clock. */
package io.camvault.vault.testsupport;
