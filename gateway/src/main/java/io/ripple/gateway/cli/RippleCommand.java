package io.ripple.gateway.cli;

/**
 * A subcommand of {@code ripple} contributed by a module that sits above the gateway (the load generator and
 * the benchmarks), found with {@link java.util.ServiceLoader} so the gateway does not depend on it.
 * <p>
 * An implementation is a picocli {@code @Command} class with a public no-argument constructor, listed in
 * {@code META-INF/services/io.ripple.gateway.cli.RippleCommand}.
 */
public interface RippleCommand
{
}
