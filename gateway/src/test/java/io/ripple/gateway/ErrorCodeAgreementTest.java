package io.ripple.gateway;

import io.ripple.codecs.ErrorCode;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class ErrorCodeAgreementTest
{
    @Test
    void shouldGiveEveryEngineCodeTheSameNameAndNumberOnTheWire()
    {
        for (final io.ripple.engine.ErrorCode engineCode : io.ripple.engine.ErrorCode.values())
        {
            final ErrorCode wireCode = ErrorCode.valueOf(engineCode.name());

            assertNotNull(wireCode);
            assertEquals(wireCode.value(), engineCode.code(), engineCode.name());
        }
    }

    @Test
    void shouldKeepEveryWireCodeFromTenToThirtyFourInTheEngine()
    {
        for (final ErrorCode wireCode : ErrorCode.values())
        {
            if (wireCode.value() >= 10 && wireCode.value() <= 34)
            {
                assertEquals(wireCode.value(), io.ripple.engine.ErrorCode.valueOf(wireCode.name()).code());
            }
        }
    }
}
