package io.ripple.gateway.metrics;

import io.ripple.codecs.FrameValidator;
import io.ripple.codecs.ProtocolLimits;

import java.util.Arrays;

/**
 * The templates a client may send, in ascending id order, with their schema names: the label values of the
 * messages-in-by-template figures. Immutable; any thread.
 */
public final class RequestTemplates
{
    private static final int[] IDS;
    private static final String[] NAMES;

    static
    {
        final FrameValidator validator = new FrameValidator();
        final int[] ids = new int[ProtocolLimits.FIRST_INTERNAL_TEMPLATE_ID];
        int count = 0;
        for (int templateId = 0; templateId < ProtocolLimits.FIRST_INTERNAL_TEMPLATE_ID; templateId++)
        {
            if (ProtocolLimits.isClientRequest(templateId))
            {
                ids[count++] = templateId;
            }
        }

        IDS = Arrays.copyOf(ids, count);
        NAMES = new String[count];
        for (int i = 0; i < count; i++)
        {
            NAMES[i] = validator.requestName(IDS[i]);
        }
    }

    private RequestTemplates()
    {
    }

    /**
     * Number of client request templates.
     *
     * @return how many templates a client may send.
     */
    public static int count()
    {
        return IDS.length;
    }

    /**
     * Template id of the i-th request template.
     *
     * @param i position, from 0 to {@link #count()} exclusive.
     * @return the template id.
     */
    public static int templateId(final int i)
    {
        return IDS[i];
    }

    /**
     * Schema name of the i-th request template, such as {@code Signal} or {@code SignalBatch}.
     *
     * @param i position, from 0 to {@link #count()} exclusive.
     * @return the template name.
     */
    public static String name(final int i)
    {
        return NAMES[i];
    }
}
