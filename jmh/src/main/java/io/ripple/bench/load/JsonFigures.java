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

    /**
     * Read a flat JSON object of numbers (or nulls), as {@link #toJson()} writes it.
     *
     * @param json the text.
     * @return the figures, in file order; nulls read as NaN.
     * @throws IllegalArgumentException if the text is not such an object.
     */
    public static JsonFigures parse(final String json)
    {
        final JsonFigures figures = new JsonFigures();
        final String body = json.trim();
        if (!body.startsWith("{") || !body.endsWith("}"))
        {
            throw new IllegalArgumentException("not a JSON object");
        }
        for (final String member : body.substring(1, body.length() - 1).split(","))
        {
            if (member.isBlank())
            {
                continue;
            }
            final int colon = member.lastIndexOf(':');
            final String name = colon < 0 ? "" : member.substring(0, colon).trim();
            final String value = member.substring(colon + 1).trim();
            if (name.length() < 2 || !name.startsWith("\"") || !name.endsWith("\""))
            {
                throw new IllegalArgumentException("not a name and a number: " + member.trim());
            }
            figures.put(name.substring(1, name.length() - 1), "null".equals(value) ? Double.NaN :
                Double.parseDouble(value));
        }
        return figures;
    }

    /**
     * The median of each figure over several files written by {@link #write(Path)}; a figure missing or unmeasured
     * in some files is the median of the others.
     *
     * @param files the JSON files.
     * @return the medians, in the order of the first file.
     * @throws IOException if a file cannot be read.
     */
    public static JsonFigures medianOf(final java.util.List<Path> files) throws IOException
    {
        final java.util.List<JsonFigures> runs = new java.util.ArrayList<>();
        for (final Path file : files)
        {
            runs.add(parse(Files.readString(file, StandardCharsets.UTF_8)));
        }
        final JsonFigures medians = new JsonFigures();
        for (final JsonFigures run : runs)
        {
            for (final String name : run.figures.keySet())
            {
                if (medians.contains(name))
                {
                    continue;
                }
                final double[] values = runs.stream().mapToDouble((r) -> r.get(name)).filter((v) -> !Double.isNaN(v))
                    .sorted().toArray();
                final int n = values.length;
                medians.put(name, 0 == n ? Double.NaN :
                    (1 == n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2));
            }
        }
        return medians;
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
