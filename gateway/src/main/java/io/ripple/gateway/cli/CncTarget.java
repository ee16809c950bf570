package io.ripple.gateway.cli;

import io.ripple.gateway.metrics.ServerInfoFile;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Options naming the media driver of a running server: its Aeron directory, or the server's journal directory,
 * where the server leaves {@value ServerInfoFile#FILE_NAME}.
 */
final class CncTarget
{
    @Option(names = "--aeron-dir", paramLabel = "DIR", description = "Aeron directory of the server's media driver.")
    private String aeronDir;

    @Option(names = "--journal-dir", paramLabel = "DIR", defaultValue = "ripple-data",
        description = "Journal directory of a running server, to find its Aeron directory (default: ${DEFAULT-VALUE}).")
    private Path journalDir;

    /**
     * The Aeron directory named, directly or through the server's file.
     *
     * @return the Aeron directory.
     * @throws IOException if no server runs on the journal directory.
     */
    String aeronDirectoryName() throws IOException
    {
        return null != aeronDir ? aeronDir : ServerInfoFile.aeronDirectoryName(journalDir);
    }

    /**
     * The journal directory named, or its default.
     *
     * @return the journal directory.
     */
    Path journalDir()
    {
        return journalDir;
    }
}
