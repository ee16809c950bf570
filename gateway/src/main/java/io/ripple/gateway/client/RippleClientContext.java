package io.ripple.gateway.client;

import io.aeron.Aeron;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Settings of a {@link RippleClient}: where the server is, who the client is, where answers come back, timeouts.
 * Defaults: IPC both ways, ingress stream 7301, a random response stream id (so that several clients on one host
 * never share a response stream), 5 s timeouts, and for blocking waits a back-off idle strategy that spins briefly,
 * yields about a millisecond (an answer usually comes within it), then parks up to 100 us: never a busy spin.
 */
public final class RippleClientContext
{
    private String aeronDirectoryName = Aeron.Context.getAeronDirectoryName();
    private Aeron aeron;
    private String ingressChannel = "aeron:ipc";
    private int ingressStreamId = 7301;
    private String responseChannel = "aeron:ipc";
    private int responseStreamId = 1_000_000 + ThreadLocalRandom.current().nextInt(1_000_000_000);
    private String principal;
    private String secret;
    private long connectTimeoutMs = 5_000;
    private long requestTimeoutMs = 5_000;
    private long offerTimeoutMs = 5_000;
    private int fragmentLimit = 64;
    private Supplier<IdleStrategy> idleStrategy = () -> new BackoffIdleStrategy(100, 1_000, 1_000, 100_000);
    private RippleClientListener listener;

    /**
     * Aeron directory of the media driver to use when no {@link Aeron} instance is given.
     *
     * @return the Aeron directory.
     */
    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    /**
     * Aeron directory of the media driver to use when no {@link Aeron} instance is given.
     *
     * @param aeronDirectoryName the Aeron directory.
     * @return this for a fluent style.
     */
    public RippleClientContext aeronDirectoryName(final String aeronDirectoryName)
    {
        this.aeronDirectoryName = aeronDirectoryName;
        return this;
    }

    /**
     * Shared Aeron client, or null for the client to connect its own (closed with the client).
     *
     * @return the Aeron client or null.
     */
    public Aeron aeron()
    {
        return aeron;
    }

    /**
     * Share an Aeron client; it is not closed with the Ripple client.
     *
     * @param aeron the Aeron client.
     * @return this for a fluent style.
     */
    public RippleClientContext aeron(final Aeron aeron)
    {
        this.aeron = aeron;
        return this;
    }

    /**
     * Server's ingress channel.
     *
     * @return the ingress channel.
     */
    public String ingressChannel()
    {
        return ingressChannel;
    }

    /**
     * Server's ingress channel, {@code aeron:ipc} or {@code aeron:udp?endpoint=HOST:PORT}.
     *
     * @param ingressChannel the ingress channel.
     * @return this for a fluent style.
     */
    public RippleClientContext ingressChannel(final String ingressChannel)
    {
        this.ingressChannel = ingressChannel;
        return this;
    }

    /**
     * Server's ingress stream id.
     *
     * @return the stream id.
     */
    public int ingressStreamId()
    {
        return ingressStreamId;
    }

    /**
     * Server's ingress stream id.
     *
     * @param ingressStreamId the stream id.
     * @return this for a fluent style.
     */
    public RippleClientContext ingressStreamId(final int ingressStreamId)
    {
        this.ingressStreamId = ingressStreamId;
        return this;
    }

    /**
     * Channel the server answers on.
     *
     * @return the response channel.
     */
    public String responseChannel()
    {
        return responseChannel;
    }

    /**
     * Channel the server answers on: {@code aeron:ipc}, or {@code aeron:udp?endpoint=localhost:0} for an ephemeral
     * UDP port that the client resolves before it connects.
     *
     * @param responseChannel the response channel.
     * @return this for a fluent style.
     */
    public RippleClientContext responseChannel(final String responseChannel)
    {
        this.responseChannel = responseChannel;
        return this;
    }

    /**
     * Stream id the server answers on.
     *
     * @return the response stream id.
     */
    public int responseStreamId()
    {
        return responseStreamId;
    }

    /**
     * Stream id the server answers on; must be unique per client on one channel.
     *
     * @param responseStreamId the response stream id.
     * @return this for a fluent style.
     */
    public RippleClientContext responseStreamId(final int responseStreamId)
    {
        this.responseStreamId = responseStreamId;
        return this;
    }

    /**
     * Principal name.
     *
     * @return the principal.
     */
    public String principal()
    {
        return principal;
    }

    /**
     * Principal and secret from the server's credentials file.
     *
     * @param principal name.
     * @param secret    in clear text.
     * @return this for a fluent style.
     */
    public RippleClientContext credentials(final String principal, final String secret)
    {
        this.principal = principal;
        this.secret = secret;
        return this;
    }

    /**
     * Secret of the principal.
     *
     * @return the secret.
     */
    public String secret()
    {
        return secret;
    }

    /**
     * Longest wait to connect.
     *
     * @return milliseconds.
     */
    public long connectTimeoutMs()
    {
        return connectTimeoutMs;
    }

    /**
     * Longest wait to connect.
     *
     * @param connectTimeoutMs milliseconds.
     * @return this for a fluent style.
     */
    public RippleClientContext connectTimeoutMs(final long connectTimeoutMs)
    {
        this.connectTimeoutMs = connectTimeoutMs;
        return this;
    }

    /**
     * Longest wait for an answer in a blocking call.
     *
     * @return milliseconds.
     */
    public long requestTimeoutMs()
    {
        return requestTimeoutMs;
    }

    /**
     * Longest wait for an answer in a blocking call.
     *
     * @param requestTimeoutMs milliseconds.
     * @return this for a fluent style.
     */
    public RippleClientContext requestTimeoutMs(final long requestTimeoutMs)
    {
        this.requestTimeoutMs = requestTimeoutMs;
        return this;
    }

    /**
     * Longest a send retries a back-pressured ingress.
     *
     * @return milliseconds.
     */
    public long offerTimeoutMs()
    {
        return offerTimeoutMs;
    }

    /**
     * Longest a send retries a back-pressured ingress.
     *
     * @param offerTimeoutMs milliseconds.
     * @return this for a fluent style.
     */
    public RippleClientContext offerTimeoutMs(final long offerTimeoutMs)
    {
        this.offerTimeoutMs = offerTimeoutMs;
        return this;
    }

    /**
     * Most fragments read per poll.
     *
     * @return the fragment limit.
     */
    public int fragmentLimit()
    {
        return fragmentLimit;
    }

    /**
     * Idle strategy for blocking waits.
     *
     * @return a supplier of the idle strategy.
     */
    public Supplier<IdleStrategy> idleStrategy()
    {
        return idleStrategy;
    }

    /**
     * Idle strategy for blocking waits.
     *
     * @param idleStrategy supplier of the idle strategy.
     * @return this for a fluent style.
     */
    public RippleClientContext idleStrategy(final Supplier<IdleStrategy> idleStrategy)
    {
        this.idleStrategy = idleStrategy;
        return this;
    }

    /**
     * Listener for acks, errors, warnings and asynchronous answers; may be null.
     *
     * @return the listener or null.
     */
    public RippleClientListener listener()
    {
        return listener;
    }

    /**
     * Listener for acks, errors, warnings and asynchronous answers.
     *
     * @param listener the listener.
     * @return this for a fluent style.
     */
    public RippleClientContext listener(final RippleClientListener listener)
    {
        this.listener = listener;
        return this;
    }
}
