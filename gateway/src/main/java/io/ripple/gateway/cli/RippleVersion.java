package io.ripple.gateway.cli;

import picocli.CommandLine;

/**
 * Reports the version of Ripple from the jar's manifest, and the JVM it runs on.
 */
public final class RippleVersion implements CommandLine.IVersionProvider
{
    /**
     * {@inheritDoc}
     */
    public String[] getVersion()
    {
        final String version = RippleVersion.class.getPackage().getImplementationVersion();
        return new String[]{
            "ripple " + (null == version ? "(development build)" : version),
            "JVM " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
        };
    }
}
