package io.camvault.cli;

import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = CamvaultMain.class.getPackage().getImplementationVersion();
        return new String[] {"camvault " + (v == null ? "development build" : v)};
    }
}
