package io.ripple.gateway.metrics;

import io.aeron.Aeron;
import io.aeron.Counter;
import io.ripple.codecs.ErrorCode;
import io.ripple.engine.SignalType;
import org.agrona.CloseHelper;

import java.util.ArrayList;
import java.util.List;

/**
 * The server's figures as Aeron counters in the media driver's CnC file, where {@code AeronStat} and
 * {@code ripple stat} read them. One thread calls {@link #update()} periodically; it copies each figure with an
 * ordered write and does not allocate.
 */
public final class CncCounters implements AutoCloseable
{
    /**
     * Prefix of every Ripple counter label.
     */
    public static final String LABEL_PREFIX = "ripple: ";

    /**
     * Label of a messages-in counter after the prefix, followed by the template name.
     */
    public static final String MESSAGES_IN_LABEL = "messages in ";

    private final MetricsSource source;
    private final GatewayMetric[] metrics = GatewayMetric.values();
    private final Counter[] metricCounters;
    private final SignalType[] signalTypes = SignalType.values();
    private final Counter[] signalCounters;
    private final int[] rejectionCodes;
    private final Counter[] rejectionCounters;
    private final Counter[] messagesInCounters;

    /**
     * Allocate the counters through the Aeron client; they are freed when closed or when the client closes.
     *
     * @param aeron  client of the driver whose CnC file holds the counters.
     * @param source of the values.
     */
    public CncCounters(final Aeron aeron, final MetricsSource source)
    {
        this.source = source;
        metricCounters = new Counter[metrics.length];
        for (int i = 0; i < metrics.length; i++)
        {
            metricCounters[i] = aeron.addCounter(GatewayMetric.COUNTER_TYPE_ID, LABEL_PREFIX + metrics[i].label());
        }

        signalCounters = new Counter[signalTypes.length];
        for (int i = 0; i < signalTypes.length; i++)
        {
            signalCounters[i] = aeron.addCounter(
                GatewayMetric.SIGNALS_TYPE_ID, LABEL_PREFIX + "signals " + signalTypes[i].name());
        }

        final List<ErrorCode> codes = new ArrayList<>();
        for (final ErrorCode code : ErrorCode.values())
        {
            if (ErrorCode.NULL_VAL != code)
            {
                codes.add(code);
            }
        }
        rejectionCodes = new int[codes.size()];
        rejectionCounters = new Counter[codes.size()];
        for (int i = 0; i < rejectionCodes.length; i++)
        {
            rejectionCodes[i] = codes.get(i).value();
            rejectionCounters[i] = aeron.addCounter(
                GatewayMetric.REJECTIONS_TYPE_ID, LABEL_PREFIX + "rejections " + codes.get(i).name());
        }

        messagesInCounters = new Counter[RequestTemplates.count()];
        for (int i = 0; i < messagesInCounters.length; i++)
        {
            messagesInCounters[i] = aeron.addCounter(
                GatewayMetric.MESSAGES_IN_TYPE_ID, LABEL_PREFIX + MESSAGES_IN_LABEL + RequestTemplates.name(i));
        }
    }

    /**
     * Copy every figure into its counter; one thread only.
     */
    public void update()
    {
        for (int i = 0; i < metrics.length; i++)
        {
            metricCounters[i].setRelease(source.read(metrics[i]));
        }
        for (int i = 0; i < signalTypes.length; i++)
        {
            signalCounters[i].setRelease(source.counters().engineSignals(signalTypes[i]));
        }
        for (int i = 0; i < rejectionCodes.length; i++)
        {
            rejectionCounters[i].setRelease(source.rejections(rejectionCodes[i]));
        }
        for (int i = 0; i < messagesInCounters.length; i++)
        {
            messagesInCounters[i].setRelease(source.counters().requestsReceived(RequestTemplates.templateId(i)));
        }
    }

    /**
     * Free the counters.
     */
    public void close()
    {
        CloseHelper.closeAll(metricCounters);
        CloseHelper.closeAll(signalCounters);
        CloseHelper.closeAll(rejectionCounters);
        CloseHelper.closeAll(messagesInCounters);
    }
}
