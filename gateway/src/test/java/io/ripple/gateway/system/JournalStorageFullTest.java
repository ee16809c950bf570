package io.ripple.gateway.system;

import io.ripple.journal.JournalConfig;
import io.ripple.journal.JournalReader;
import io.ripple.journal.JournalRecord;
import io.ripple.journal.JournalUnavailableException;
import io.ripple.journal.JournalWriter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link JournalWriter} on a real file system that fills up: the append that finds no space fails with
 * {@link JournalUnavailableException} instead of crashing or corrupting the journal, and once space is back the same
 * writer appends again without being reopened by its owner.
 */
class JournalStorageFullTest
{
    private static final int MAX_APPENDS = 1_000_000;

    @TempDir
    Path tempDir;

    private TmpfsMount mount;

    @AfterEach
    void unmount() throws Exception
    {
        if (null != mount)
        {
            mount.close();
        }
    }

    @Test
    void shouldFailAppendsWhileFullAndResumeWhenSpaceReturns() throws Exception
    {
        // given a journal on a 16 MiB file system that a filler has just filled
        final Path mountDir = Files.createDirectories(tempDir.resolve("mnt"));
        mount = TmpfsMount.mountOrSkip(mountDir, 16);
        final Path journalDir = mountDir.resolve("journal");
        final UnsafeBuffer message = new UnsafeBuffer(new byte[100]);
        final List<Long> appended = new ArrayList<>();
        final JournalConfig config = new JournalConfig().blockSizeBytes(256 * 1024).reopenIntervalMs(50);
        try (JournalWriter writer = JournalWriter.open(journalDir, config))
        {
            long sequence = 0;
            writer.appendEvent(sequence, sequence, 1, message, 0, message.capacity());
            appended.add(sequence++);
            mount.fill();

            // when appending until the file system refuses
            JournalUnavailableException failure = null;
            while (null == failure && sequence < MAX_APPENDS)
            {
                try
                {
                    writer.appendEvent(sequence, sequence, 1, message, 0, message.capacity());
                    appended.add(sequence);
                }
                catch (final JournalUnavailableException ex)
                {
                    failure = ex;
                }
                sequence++;
            }

            // then the writer failed cleanly, with the reserve short of space, and stays failed while the disk is full
            assertTrue(null != failure, "no append failed on a full file system");
            assertTrue(failure.getCause() instanceof java.io.IOException, failure.toString());
            assertTrue(writer.isFailed());
            assertEquals(1, writer.failures());
            final long failedSequence = sequence;
            assertThrows(JournalUnavailableException.class,
                () -> writer.appendEvent(failedSequence, failedSequence, 1, message, 0, message.capacity()));

            // when space returns
            mount.release();
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            boolean resumed = false;
            sequence++;
            while (!resumed && System.nanoTime() - deadlineNs < 0)
            {
                try
                {
                    writer.appendEvent(sequence, sequence, 1, message, 0, message.capacity());
                    appended.add(sequence);
                    resumed = true;
                }
                catch (final JournalUnavailableException ex)
                {
                    TimeUnit.MILLISECONDS.sleep(10);
                }
                sequence++;
            }
            assertTrue(resumed, "the writer did not resume once space returned");
            writer.appendEvent(sequence, sequence, 1, message, 0, message.capacity());
            appended.add(sequence);
            assertFalse(writer.isFailed());
        }

        // then the journal holds every successful append, in order, and nothing else
        final List<Long> read = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(journalDir))
        {
            while (reader.poll((index, kind, seq, timestampNs, sessionId, buffer, offset, length) ->
            {
                assertEquals(JournalRecord.KIND_EVENT, kind);
                assertEquals(100, length);
                read.add(seq);
            }, 1_000) > 0)
            {
                continue;
            }
            assertEquals(0, reader.malformedRecords());
        }
        assertEquals(appended, read);
    }
}
