package io.ripple.journal;

import io.ripple.codecs.ErrorCode;

/**
 * Human-readable reasons for the framing error codes, as constant strings so that an Error is encoded without
 * allocating.
 */
final class FramingReasons
{
    private FramingReasons()
    {
    }

    static String reason(final int code)
    {
        if (code == ErrorCode.MALFORMED_FRAME.value())
        {
            return "malformed frame: shorter than a header, or a block length below the schema's";
        }
        if (code == ErrorCode.UNKNOWN_SCHEMA.value())
        {
            return "schema id is not Ripple's (7301)";
        }
        if (code == ErrorCode.UNSUPPORTED_VERSION.value())
        {
            return "schema version not supported";
        }
        if (code == ErrorCode.UNKNOWN_TEMPLATE.value())
        {
            return "unknown template id";
        }
        if (code == ErrorCode.TRUNCATED_MESSAGE.value())
        {
            return "block, group or var data runs past the end of the frame";
        }
        if (code == ErrorCode.GROUP_TOO_LARGE.value())
        {
            return "more than 6 weights";
        }
        if (code == ErrorCode.MESSAGE_TOO_LARGE.value())
        {
            return "message longer than 262144 bytes";
        }
        if (code == ErrorCode.TOO_MANY_CANDIDATES.value())
        {
            return "more than 1024 candidates or agents";
        }
        if (code == ErrorCode.BATCH_TOO_LARGE.value())
        {
            return "more than 512 signals in a batch";
        }
        if (code == ErrorCode.TEMPLATE_NOT_ALLOWED.value())
        {
            return "message is not a request the engine accepts";
        }

        return "rejected";
    }
}
