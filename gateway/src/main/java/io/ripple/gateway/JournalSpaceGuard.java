package io.ripple.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Watches the free space of the journal's file system off the hot path: a {@code ripple-journal-space} thread reads
 * the usable space every {@link #CHECK_INTERVAL_MS} ms and, while it is below {@code journal.min-free-mb}, raises
 * {@link GatewayCounters#isJournalSpaceLow()}, on which the ingress refuses every client request that would be
 * journaled with {@code JOURNAL_UNAVAILABLE} and {@code /health} reports the server not ready. It logs once on
 * entering that state and once on leaving it, as soon as space is back above the threshold. The threshold may be
 * changed while the server runs. Start and close from one thread; the other methods from any thread.
 */
public final class JournalSpaceGuard implements AutoCloseable
{
    /**
     * Interval between two reads of the free space.
     */
    public static final long CHECK_INTERVAL_MS = 250;

    private static final Logger LOGGER = LoggerFactory.getLogger(JournalSpaceGuard.class);
    private static final long BYTES_PER_MB = 1024 * 1024;

    private final Path dir;
    private final FileStore store;
    private final GatewayCounters counters;
    private final ScheduledExecutorService timer;
    private volatile long minFreeMb;
    private boolean readFailed;

    private JournalSpaceGuard(
        final Path dir, final FileStore store, final GatewayCounters counters, final long minFreeMb)
    {
        this.dir = dir;
        this.store = store;
        this.counters = counters;
        this.minFreeMb = minFreeMb;
        this.timer = Executors.newSingleThreadScheduledExecutor((runnable) ->
        {
            final Thread thread = new Thread(runnable, "ripple-journal-space");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Check the free space once now, then every {@link #CHECK_INTERVAL_MS} ms.
     *
     * @param dir       the journal directory; must exist.
     * @param minFreeMb least free space in MiB below which requests are refused; 0 never refuses.
     * @param counters  where the state and the free space are published.
     * @return the running guard.
     * @throws IOException if the directory's file store cannot be found.
     */
    public static JournalSpaceGuard start(final Path dir, final long minFreeMb, final GatewayCounters counters)
        throws IOException
    {
        final JournalSpaceGuard guard = new JournalSpaceGuard(dir, Files.getFileStore(dir), counters, minFreeMb);
        guard.check();
        guard.timer.scheduleWithFixedDelay(guard::check, CHECK_INTERVAL_MS, CHECK_INTERVAL_MS, TimeUnit.MILLISECONDS);
        return guard;
    }

    /**
     * The threshold in force.
     *
     * @return least free space in MiB, 0 if the guard never refuses.
     */
    public long minFreeMb()
    {
        return minFreeMb;
    }

    /**
     * Change the threshold while the server runs; it applies from the next check, within
     * {@link #CHECK_INTERVAL_MS} ms.
     *
     * @param minFreeMb least free space in MiB, 0 to never refuse.
     */
    public void minFreeMb(final long minFreeMb)
    {
        if (minFreeMb < 0)
        {
            throw new IllegalArgumentException("minFreeMb must not be negative: " + minFreeMb);
        }
        this.minFreeMb = minFreeMb;
    }

    /**
     * Is the free space below the threshold as of the last check?
     *
     * @return true while requests are refused.
     */
    public boolean isSpaceLow()
    {
        return counters.isJournalSpaceLow();
    }

    /**
     * Close the timer; the last state stays published.
     */
    public void close()
    {
        timer.shutdownNow();
        try
        {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    void check()
    {
        final long thresholdMb = minFreeMb;
        long usableBytes;
        try
        {
            usableBytes = store.getUsableSpace();
            readFailed = false;
        }
        catch (final IOException | RuntimeException ex)
        {
            usableBytes = -1;
            if (!readFailed)
            {
                readFailed = true;
                LOGGER.warn("journal: cannot read the free space of {}: {}", dir, ex.toString());
            }
        }

        final boolean low = thresholdMb > 0 && usableBytes >= 0 && usableBytes < thresholdMb * BYTES_PER_MB;
        final boolean wasLow = counters.isJournalSpaceLow();
        counters.onJournalSpace(usableBytes, low);
        if (low && !wasLow)
        {
            LOGGER.warn("journal: {} MiB free on the file system of {}, below journal.min-free-mb = {}: refusing " +
                "requests with JOURNAL_UNAVAILABLE until space returns", usableBytes / BYTES_PER_MB, dir, thresholdMb);
        }
        else if (!low && wasLow)
        {
            LOGGER.info("journal: {} MiB free on the file system of {} (journal.min-free-mb = {}): taking requests " +
                "again", usableBytes / BYTES_PER_MB, dir, thresholdMb);
        }
    }
}
