package io.ripple.codecs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads and prints the annotated hex files under {@code src/test/resources/golden}: pairs of hex digits separated by
 * white space, with {@code #} starting a comment that runs to the end of the line.
 */
final class HexFrames
{
    private HexFrames()
    {
    }

    static byte[] load(final String resourceName)
    {
        try (InputStream in = HexFrames.class.getResourceAsStream("/golden/" + resourceName))
        {
            if (null == in)
            {
                throw new IllegalArgumentException("no golden vector " + resourceName);
            }

            return parse(new String(in.readAllBytes(), StandardCharsets.US_ASCII));
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    static byte[] parse(final String text)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (final String line : text.split("\n"))
        {
            final int commentAt = line.indexOf('#');
            final String data = (commentAt >= 0 ? line.substring(0, commentAt) : line).trim();
            if (data.isEmpty())
            {
                continue;
            }

            for (final String pair : data.split("\\s+"))
            {
                if (pair.length() != 2)
                {
                    throw new IllegalArgumentException("not a byte: '" + pair + "' in line: " + line);
                }
                bytes.write(Integer.parseInt(pair, 16));
            }
        }

        return bytes.toByteArray();
    }

    static String format(final DirectBuffer buffer, final int offset, final int length)
    {
        final StringBuilder text = new StringBuilder(length * 3 + length / 16 + 1);
        for (int i = 0; i < length; i++)
        {
            text.append(String.format("%02x", buffer.getByte(offset + i) & 0xFF));
            text.append((i % 16 == 15 || i == length - 1) ? '\n' : ' ');
        }

        return text.toString();
    }

    static String format(final byte[] bytes)
    {
        return format(new UnsafeBuffer(bytes), 0, bytes.length);
    }
}
