package io.ripple.gateway.reliability;

import io.ripple.codecs.ErrorCode;
import io.ripple.gateway.fuzz.FuzzCommand;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A short fuzz of a real server's ingress (the long one is {@code ripple fuzz --frames N}): random bytes, mutated
 * requests and session messages, and requests above the size limits, each answered with the predicted code (refused
 * connects with a {@code ConnectRejected}), none changing the engine's state once rejected.
 */
class IngressFuzzTest
{
    @ParameterizedTest
    @ValueSource(longs = { 7301L, 20_261_203L })
    void shouldAnswerEveryHostileFrameAndChangeNoStateForRejectedOnes(final long seed) throws Exception
    {
        final FuzzCommand.Result result = FuzzCommand.fuzz(20_000, seed, 2_000);

        assertEquals(java.util.List.of(), result.violations, "seed " + seed);
        assertEquals(20_000, result.framesSent);
        assertTrue(result.errorsByCode.contains(ErrorCode.TRUNCATED_MESSAGE.name()), result.errorsByCode);
        assertTrue(result.errorsByCode.contains(ErrorCode.VALUE_NAN.name()) ||
            result.errorsByCode.contains(ErrorCode.UNKNOWN_SIGNAL_TYPE.name()), result.errorsByCode);
        for (final ErrorCode limit : new ErrorCode[]{ ErrorCode.MESSAGE_TOO_LARGE, ErrorCode.GROUP_TOO_LARGE,
            ErrorCode.BATCH_TOO_LARGE, ErrorCode.TOO_MANY_CANDIDATES, ErrorCode.AUTHENTICATION_FAILED })
        {
            assertTrue(result.errorsByCode.contains(limit.name() + "="), limit + " not in " + result.errorsByCode);
        }
    }
}
