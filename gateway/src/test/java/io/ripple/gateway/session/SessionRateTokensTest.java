package io.ripple.gateway.session;

import io.ripple.codecs.Role;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionRateTokensTest
{
    private static final double ONE_PER_MS = 1e-6;
    private static final long MS = 1_000_000L;

    private final GatewaySession session = new GatewaySession(1, 1, new Principal("fleet", Role.AGENT,
        SecretHash.create(SecretHash.SHA256, "secret", 1), List.of("a-*")), 7, "aeron:ipc", 11, null, 0);

    @Test
    void shouldAllowTheBurstAtOnceThenRefuseUntilTheBucketRefills()
    {
        // given a full bucket of 10 refilling at one message per millisecond
        for (int i = 0; i < 10; i++)
        {
            assertTrue(session.tryTakeRateTokens(0, 1, ONE_PER_MS, 10), "message " + i);
        }

        // when one more arrives at the same instant, then it is refused
        assertFalse(session.tryTakeRateTokens(0, 1, ONE_PER_MS, 10));

        // when 5 ms pass, then 5 messages are due and no more
        assertTrue(session.tryTakeRateTokens(5 * MS, 5, ONE_PER_MS, 10));
        assertFalse(session.tryTakeRateTokens(5 * MS, 1, ONE_PER_MS, 10));
    }

    @Test
    void shouldRefuseABatchLargerThanTheTokensLeftWithoutTakingAny()
    {
        // given 4 tokens left
        assertTrue(session.tryTakeRateTokens(0, 6, ONE_PER_MS, 10));

        // when a batch of 5 entries arrives, then it is refused and the 4 tokens stay
        assertFalse(session.tryTakeRateTokens(0, 5, ONE_PER_MS, 10));
        assertTrue(session.tryTakeRateTokens(0, 4, ONE_PER_MS, 10));
    }

    @Test
    void shouldNeverHoldMoreThanTheBurst()
    {
        // given a bucket idle for an hour
        assertTrue(session.tryTakeRateTokens(0, 1, ONE_PER_MS, 10));

        // when messages arrive an hour later, then only the burst is available
        final long laterNs = 3_600_000 * MS;
        assertTrue(session.tryTakeRateTokens(laterNs, 10, ONE_PER_MS, 10));
        assertFalse(session.tryTakeRateTokens(laterNs, 1, ONE_PER_MS, 10));
    }
}
