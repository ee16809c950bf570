package io.ripple.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Named figures in the order they were put, written as one flat JSON object of numbers
 * ({@code {"ipc.signal_ack.p99_us": 21.3, ...}}). A figure that could not be measured is written as {@code null}
 * rather than left out, so that a reader always finds every key it expects.
 */
public final class JsonFigures
{
    private final Map<String, Double> figures = new LinkedHashMap<>();

    /**
     * Put a figure, replacing any of the same name.
     *
     * @param name  dotted name, such as {@code ipc.signal_ack.p99_us}.
     * @param value the figure; NaN for one that could not be measured.
     * @return this for a fluent style.
     */
    public JsonFigures put(final String name, final double value)
    {
        figures.put(name, value);
        return this;
    }

    /**
     * Put every figure of another set under a prefix.
     *
     * @param prefix prepended to each name, with a dot.
     * @param other  the figures to copy.
     * @return this for a fluent style.
     */
    public JsonFigures putAll(final String prefix, final JsonFigures other)
    {
        for (final Map.Entry<String, Double> entry : other.figures.entrySet())
        {
            figures.put(prefix + "." + entry.getKey(), entry.getValue());
        }
        return this;
    }

    /**
     * A figure by name.
     *
     * @param name of the figure.
     * @return its value, NaN when absent or not measured.
     */
    public double get(final String name)
    {
        final Double value = figures.get(name);
        return null == value ? Double.NaN : value;
    }

    /**
     * Is a figure present (measured or not)?
     *
     * @param name of the figure.
     * @return true if it was put.
     */
    public boolean contains(final String name)
    {
        return figures.containsKey(name);
    }

    /**
     * The figures, in the order put.
     *
     * @return an unmodifiable view.
     */
    public Map<String, Double> asMap()
    {
        return java.util.Collections.unmodifiableMap(figures);
    }

    /**
     * The figures as a JSON object, one key per line.
     *
     * @return the JSON text.
     */
    public String toJson()
    {
        final StringBuilder json = new StringBuilder("{\n");
        int remaining = figures.size();
        for (final Map.Entry<String, Double> entry : figures.entrySet())
        {
            json.append("  \"").append(escape(entry.getKey())).append("\": ").append(number(entry.getValue()));
            json.append(--remaining > 0 ? ",\n" : "\n");
        }
        return json.append("}\n").toString();
    }

    /**
     * Write the JSON text to a file, creating its directory.
     *
     * @param file where to write.
     * @throws IOException if it cannot be written.
     */
    public void write(final Path file) throws IOException
    {
        final Path parent = file.toAbsolutePath().getParent();
        if (null != parent)
        {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toJson(), StandardCharsets.UTF_8);
    }

    private static String number(final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            return "null";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15)
        {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "");
    }

    private static String escape(final String text)
    {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
