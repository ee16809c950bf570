package io.ripple.journal;

import io.ripple.codecs.MessageHeaderDecoder;
import io.ripple.codecs.MessageHeaderEncoder;
import io.ripple.codecs.SnapshotChunkDecoder;
import io.ripple.codecs.SnapshotChunkEncoder;
import io.ripple.codecs.SnapshotHeaderDecoder;
import io.ripple.codecs.SnapshotHeaderEncoder;
import io.ripple.engine.CoordinationEngine;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

/**
 * Writes engine snapshots into {@code <journal>/snapshots/} and reads them back, newest first, skipping any that is
 * truncated or damaged.
 * <p>
 * A snapshot file holds an SBE {@code SnapshotHeader} (journal index, engine time, state length, CRC32 of the state,
 * engine state version) whose var data carries the engine state, or its first {@value #CHUNK_LENGTH} bytes followed
 * by {@code SnapshotChunk} messages. Files are named {@code snapshot-<journal index, 16 hex digits>-<timestampNs>}
 * with the suffix {@value #FILE_SUFFIX}, so that their names sort by journal index, and are written to a temporary
 * file, forced to disk and renamed, so that a crash never leaves a half-written snapshot under a snapshot's name.
 * <p>
 * After each write the store applies retention: it keeps the newest {@link JournalConfig#retainedSnapshots()}
 * snapshots and, if {@link JournalConfig#deleteCoveredCycles()}, deletes the journal's cycle files that the oldest
 * of them does not need.
 * <p>
 * <b>Threading.</b> {@link #capture(CoordinationEngine, long, long)} on the engine's thread; the other methods on any
 * one thread at a time. Not for the hot path: a snapshot allocates the state's size.
 */
public final class SnapshotStore
{
    static
    {
        JournalDirectory.disableChronicleReporting();
    }

    /**
     * Suffix of snapshot files.
     */
    public static final String FILE_SUFFIX = ".rsnap";

    /**
     * Largest piece of engine state in one SBE message of a snapshot file: 16 MiB.
     */
    public static final int CHUNK_LENGTH = 16 * 1024 * 1024;

    /**
     * Version of the engine state format written by the engine in use.
     */
    public static final int ENGINE_STATE_VERSION = 1;

    private static final Logger LOGGER = LoggerFactory.getLogger(SnapshotStore.class);
    private static final String FILE_PREFIX = "snapshot-";
    private static final int HEADER_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH;
    private static final int VAR_LENGTH_FIELD = 4;
    private static final int SNAPSHOT_HEADER_LENGTH = HEADER_LENGTH + SnapshotHeaderEncoder.BLOCK_LENGTH;
    private static final int CHUNK_HEADER_LENGTH = HEADER_LENGTH + SnapshotChunkEncoder.BLOCK_LENGTH;

    private final Path journalDir;
    private final Path snapshotsDir;
    private final JournalConfig config;

    /**
     * A store with the default retention.
     *
     * @param journalDir the journal directory; snapshots go in its {@code snapshots/} subdirectory.
     */
    public SnapshotStore(final Path journalDir)
    {
        this(journalDir, new JournalConfig());
    }

    /**
     * A store with the retention of a journal configuration.
     *
     * @param journalDir the journal directory.
     * @param config     retention settings.
     */
    public SnapshotStore(final Path journalDir, final JournalConfig config)
    {
        this.journalDir = journalDir;
        this.snapshotsDir = JournalDirectory.snapshotsDir(journalDir);
        this.config = config;
    }

    /**
     * Capture, persist and apply retention in one call, on the engine's thread.
     *
     * @param dispatcher   whose engine to snapshot.
     * @param journalIndex last journal index whose effects the engine state includes, -1 if none.
     * @param timestampNs  engine time of the snapshot.
     * @return the file written.
     * @throws UncheckedIOException if the file cannot be written.
     */
    public Path write(final EngineCommandDispatcher dispatcher, final long journalIndex, final long timestampNs)
    {
        return write(dispatcher.engine(), journalIndex, timestampNs);
    }

    /**
     * Capture, persist and apply retention in one call, on the engine's thread.
     *
     * @param engine       to snapshot.
     * @param journalIndex last journal index whose effects the engine state includes, -1 if none.
     * @param timestampNs  engine time of the snapshot.
     * @return the file written.
     * @throws UncheckedIOException if the file cannot be written.
     */
    public Path write(final CoordinationEngine engine, final long journalIndex, final long timestampNs)
    {
        return persist(capture(engine, journalIndex, timestampNs));
    }

    /**
     * Copy the engine state into memory and checksum it: the part of a snapshot that must run on the engine's thread.
     *
     * @param engine       to snapshot.
     * @param journalIndex last journal index whose effects the engine state includes, -1 if none.
     * @param timestampNs  engine time of the snapshot.
     * @return the image to hand to {@link #persist(SnapshotImage)}.
     */
    public SnapshotImage capture(final CoordinationEngine engine, final long journalIndex, final long timestampNs)
    {
        final int length = engine.snapshotLength();
        final byte[] state = new byte[length];
        final int written = engine.writeSnapshot(new UnsafeBuffer(state), 0);
        final CRC32 crc = new CRC32();
        crc.update(state, 0, written);

        return new SnapshotImage(journalIndex, timestampNs, state, written, (int) crc.getValue());
    }

    /**
     * Write a captured image to its file (temporary file, force, atomic rename), then apply retention.
     *
     * @param image from {@link #capture(CoordinationEngine, long, long)}.
     * @return the file written.
     * @throws UncheckedIOException if the file cannot be written.
     */
    public Path persist(final SnapshotImage image)
    {
        try
        {
            Files.createDirectories(snapshotsDir);
            final Path file = snapshotsDir.resolve(fileName(image.journalIndex, image.timestampNs));
            final Path temp = snapshotsDir.resolve(file.getFileName() + ".tmp");
            try (FileChannel channel = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
            {
                writeImage(channel, image);
                channel.force(true);
            }

            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceDirectory(snapshotsDir);
            LOGGER.info("Wrote snapshot {} ({} bytes of engine state, journal index {})",
                file, image.engineStateLength, Long.toHexString(image.journalIndex));

            applyRetention();
            return file;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write snapshot in " + snapshotsDir, ex);
        }
    }

    /**
     * Snapshot files present, newest (highest journal index, then latest time) first. Files are not opened.
     *
     * @return the paths.
     */
    public List<Path> list()
    {
        final List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(snapshotsDir))
        {
            return files;
        }

        try (Stream<Path> entries = Files.list(snapshotsDir))
        {
            entries
                .filter((path) -> path.getFileName().toString().startsWith(FILE_PREFIX))
                .filter((path) -> path.getFileName().toString().endsWith(FILE_SUFFIX))
                .forEach(files::add);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list snapshots in " + snapshotsDir, ex);
        }

        files.sort((a, b) -> b.getFileName().toString().compareTo(a.getFileName().toString()));
        return files;
    }

    /**
     * Read and check one snapshot file: message headers, lengths, chunk order and the CRC32 of the state.
     *
     * @param file a snapshot file.
     * @return the snapshot.
     * @throws SnapshotCorruptException if anything does not add up.
     * @throws UncheckedIOException     if the file cannot be read.
     */
    public Snapshot load(final Path file) throws SnapshotCorruptException
    {
        final byte[] bytes;
        try
        {
            bytes = Files.readAllBytes(file);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read snapshot " + file, ex);
        }

        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        if (bytes.length < SNAPSHOT_HEADER_LENGTH + VAR_LENGTH_FIELD)
        {
            throw new SnapshotCorruptException(file + ": too short for a SnapshotHeader (" + bytes.length + " bytes)");
        }

        header.wrap(buffer, 0);
        if (header.schemaId() != SnapshotHeaderDecoder.SCHEMA_ID ||
            header.templateId() != SnapshotHeaderDecoder.TEMPLATE_ID ||
            header.blockLength() < SnapshotHeaderDecoder.BLOCK_LENGTH)
        {
            throw new SnapshotCorruptException(file + ": does not start with a SnapshotHeader");
        }

        final SnapshotHeaderDecoder decoder = new SnapshotHeaderDecoder().wrap(
            buffer, HEADER_LENGTH, header.blockLength(), header.version());
        final long journalIndex = decoder.journalIndex();
        final long timestampNs = decoder.timestampNs();
        final long stateLength = decoder.engineStateLength();
        final int checksum = (int) decoder.checksum();
        final int stateVersion = decoder.engineStateVersion();
        if (stateLength < 0 || stateLength > Integer.MAX_VALUE - 16)
        {
            throw new SnapshotCorruptException(file + ": engine state length " + stateLength + " out of range");
        }

        final int stateLengthInt = (int) stateLength;
        int position = HEADER_LENGTH + header.blockLength();
        final long firstChunkLength = buffer.getInt(position, LITTLE_ENDIAN) & 0xFFFF_FFFFL;
        position += VAR_LENGTH_FIELD;
        if (firstChunkLength > stateLength || position + firstChunkLength > bytes.length)
        {
            throw new SnapshotCorruptException(file + ": truncated: first chunk of " + firstChunkLength +
                " bytes runs past the end of the file");
        }

        final byte[] stateArray;
        final int stateOffset;
        int assembled = (int) firstChunkLength;
        if (firstChunkLength == stateLength)
        {
            stateArray = bytes;
            stateOffset = position;
            position += stateLengthInt;
        }
        else
        {
            final byte[] whole = new byte[stateLengthInt];
            System.arraycopy(bytes, position, whole, 0, assembled);
            position += assembled;
            final SnapshotChunkDecoder chunkDecoder = new SnapshotChunkDecoder();
            while (assembled < stateLengthInt)
            {
                if (position + CHUNK_HEADER_LENGTH + VAR_LENGTH_FIELD > bytes.length)
                {
                    throw new SnapshotCorruptException(
                        file + ": truncated after " + assembled + " of " + stateLength + " bytes of state");
                }

                header.wrap(buffer, position);
                if (header.schemaId() != SnapshotChunkDecoder.SCHEMA_ID ||
                    header.templateId() != SnapshotChunkDecoder.TEMPLATE_ID ||
                    header.blockLength() < SnapshotChunkDecoder.BLOCK_LENGTH)
                {
                    throw new SnapshotCorruptException(file + ": expected a SnapshotChunk at byte " + position);
                }

                chunkDecoder.wrap(buffer, position + HEADER_LENGTH, header.blockLength(), header.version());
                if (chunkDecoder.journalIndex() != journalIndex || chunkDecoder.chunkOffset() != assembled)
                {
                    throw new SnapshotCorruptException(file + ": chunk out of order at byte " + position);
                }

                position += HEADER_LENGTH + header.blockLength();
                final long chunkLength = buffer.getInt(position, LITTLE_ENDIAN) & 0xFFFF_FFFFL;
                position += VAR_LENGTH_FIELD;
                if (chunkLength > stateLength - assembled || position + chunkLength > bytes.length)
                {
                    throw new SnapshotCorruptException(file + ": truncated chunk at byte " + position);
                }

                System.arraycopy(bytes, position, whole, assembled, (int) chunkLength);
                assembled += (int) chunkLength;
                position += (int) chunkLength;
            }
            stateArray = whole;
            stateOffset = 0;
        }

        if (position != bytes.length)
        {
            throw new SnapshotCorruptException(file + ": " + (bytes.length - position) + " unexpected trailing bytes");
        }

        final CRC32 crc = new CRC32();
        crc.update(stateArray, stateOffset, stateLengthInt);
        if ((int) crc.getValue() != checksum)
        {
            throw new SnapshotCorruptException(file + ": CRC32 mismatch (file says " +
                Integer.toHexString(checksum) + ", state has " + Long.toHexString(crc.getValue()) + ")");
        }

        return new Snapshot(
            file, journalIndex, timestampNs, stateVersion, new UnsafeBuffer(stateArray, stateOffset, stateLengthInt));
    }

    /**
     * The newest snapshot that is whole and intact. Each one skipped is logged with the reason.
     *
     * @return the snapshot, or null if there is none.
     */
    public Snapshot loadNewestValid()
    {
        for (final Path file : list())
        {
            try
            {
                return load(file);
            }
            catch (final SnapshotCorruptException ex)
            {
                LOGGER.warn("Skipping corrupt snapshot, falling back to the one before it: {}", ex.getMessage());
            }
        }

        return null;
    }

    /**
     * Keep the newest snapshots and delete the rest, then delete journal cycles none of the kept ones needs.
     *
     * @return the number of files deleted.
     */
    public int applyRetention()
    {
        final List<Path> files = list();
        int deleted = 0;
        for (int i = config.retainedSnapshots(); i < files.size(); i++)
        {
            try
            {
                Files.deleteIfExists(files.get(i));
                deleted++;
            }
            catch (final IOException ex)
            {
                LOGGER.warn("Cannot delete old snapshot {}: {}", files.get(i), ex.toString());
            }
        }

        if (config.deleteCoveredCycles() && files.size() >= 1)
        {
            final Path oldestKept = files.get(Math.min(files.size(), config.retainedSnapshots()) - 1);
            final long oldestIndex = journalIndexOf(oldestKept);
            if (oldestIndex > 0)
            {
                deleted += JournalRetention.deleteCyclesBefore(journalDir, oldestIndex);
            }
        }

        return deleted;
    }

    /**
     * Journal index encoded in a snapshot file's name.
     *
     * @param file a snapshot file.
     * @return the index, or -1 if the name does not carry one.
     */
    public static long journalIndexOf(final Path file)
    {
        final String name = file.getFileName().toString();
        final int start = FILE_PREFIX.length();
        if (!name.startsWith(FILE_PREFIX) || name.length() < start + 16)
        {
            return -1;
        }

        try
        {
            return Long.parseUnsignedLong(name.substring(start, start + 16), 16);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    private static String fileName(final long journalIndex, final long timestampNs)
    {
        return FILE_PREFIX + String.format("%016x-%019d", Math.max(0, journalIndex), timestampNs) + FILE_SUFFIX;
    }

    private static void writeImage(final FileChannel channel, final SnapshotImage image) throws IOException
    {
        final int length = image.engineStateLength;
        final int firstChunk = Math.min(length, CHUNK_LENGTH);
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[SNAPSHOT_HEADER_LENGTH + VAR_LENGTH_FIELD]);
        new SnapshotHeaderEncoder().wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder())
            .journalIndex(image.journalIndex)
            .timestampNs(image.timestampNs)
            .engineStateLength(length)
            .checksum(image.checksum & 0xFFFF_FFFFL)
            .engineStateVersion(ENGINE_STATE_VERSION);
        frame.putInt(SNAPSHOT_HEADER_LENGTH, firstChunk, LITTLE_ENDIAN);
        writeFully(channel, ByteBuffer.wrap(frame.byteArray()));
        writeFully(channel, ByteBuffer.wrap(image.engineState, 0, firstChunk));

        final UnsafeBuffer chunkFrame = new UnsafeBuffer(new byte[CHUNK_HEADER_LENGTH + VAR_LENGTH_FIELD]);
        final SnapshotChunkEncoder chunkEncoder = new SnapshotChunkEncoder();
        for (int offset = firstChunk; offset < length; offset += CHUNK_LENGTH)
        {
            final int chunk = Math.min(CHUNK_LENGTH, length - offset);
            chunkEncoder.wrapAndApplyHeader(chunkFrame, 0, new MessageHeaderEncoder())
                .journalIndex(image.journalIndex)
                .chunkOffset(offset);
            chunkFrame.putInt(CHUNK_HEADER_LENGTH, chunk, LITTLE_ENDIAN);
            writeFully(channel, ByteBuffer.wrap(chunkFrame.byteArray()));
            writeFully(channel, ByteBuffer.wrap(image.engineState, offset, chunk));
        }
    }

    private static void writeFully(final FileChannel channel, final ByteBuffer buffer) throws IOException
    {
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
    }

    private static void forceDirectory(final Path dir)
    {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ))
        {
            channel.force(true);
        }
        catch (final IOException ignore)
        {
            // Some file systems cannot sync a directory; the rename is still atomic there.
        }
    }
}
