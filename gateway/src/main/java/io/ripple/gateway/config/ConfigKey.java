package io.ripple.gateway.config;

import io.ripple.gateway.GatewayConfig;

/**
 * One key of the server configuration: its name, unit, default and what it sets. Immutable.
 */
public final class ConfigKey
{
    /**
     * Applies a textual value to the settings.
     */
    @FunctionalInterface
    public interface Setter
    {
        /**
         * Parse and apply the value.
         *
         * @param config to change.
         * @param value  as written, trimmed.
         * @throws IllegalArgumentException saying why the value is bad (the key is added by the caller).
         */
        void apply(GatewayConfig config, String value);
    }

    private final String name;
    private final String unit;
    private final String defaultValue;
    private final String description;
    private final Setter setter;

    ConfigKey(
        final String name, final String unit, final String defaultValue, final String description, final Setter setter)
    {
        this.name = name;
        this.unit = unit;
        this.defaultValue = defaultValue;
        this.description = description;
        this.setter = setter;
    }

    /**
     * Name in the configuration file, such as {@code ring.size}.
     *
     * @return the key name.
     */
    public String name()
    {
        return name;
    }

    /**
     * Name of the environment variable that overrides the key: {@code RIPPLE_} then the name in capitals with dots
     * and dashes as underscores, such as {@code RIPPLE_RING_SIZE}.
     *
     * @return the environment variable name.
     */
    public String environmentVariable()
    {
        return "RIPPLE_" + name.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Unit or form of the value.
     *
     * @return the unit.
     */
    public String unit()
    {
        return unit;
    }

    /**
     * Default value as written in a file; empty when the key has no default.
     *
     * @return the default.
     */
    public String defaultValue()
    {
        return defaultValue;
    }

    /**
     * What the key controls.
     *
     * @return one sentence.
     */
    public String description()
    {
        return description;
    }

    /**
     * Parse and apply a value.
     *
     * @param config to change.
     * @param value  as written.
     * @throws IllegalArgumentException naming the key and saying why the value is bad.
     */
    public void apply(final GatewayConfig config, final String value)
    {
        try
        {
            setter.apply(config, value.trim());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(name + " = '" + value + "': " + ex.getMessage(), ex);
        }
    }
}
