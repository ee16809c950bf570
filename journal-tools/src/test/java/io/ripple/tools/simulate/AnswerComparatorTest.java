package io.ripple.tools.simulate;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class AnswerComparatorTest
{
    private static final String EXPECTED_SELECT =
        "{\"id\": 1, \"op\": \"select\", \"selected\": [{\"agent\": \"a-7\", \"score\": 0.5556427627161951}]}";
    private static final String EXPECTED_PREDICT =
        "{\"id\": 2, \"op\": \"predict\", \"will_overload\": false, \"probability\": 0.25}";

    private final AnswerComparator comparator = new AnswerComparator(1e-9);

    @Test
    void shouldAcceptExtraFieldsAndScoresWithinTolerance()
    {
        // given
        final List<String> actual = List.of(
            "{\"id\": 1, \"op\": \"select\", \"selected\": [{\"agent\": \"a-7\", \"score\": 0.5556427627161960, " +
                "\"load\": 0.5, \"in_flight\": 1}]}",
            "{\"id\": 2, \"op\": \"predict\", \"will_overload\": false, \"probability\": 0.25000000000000006}");

        // when
        final String mismatch = comparator.firstMismatch(List.of(EXPECTED_SELECT, EXPECTED_PREDICT), actual);

        // then
        assertNull(mismatch, mismatch);
    }

    @Test
    void shouldReportScoreOutsideTolerance()
    {
        // when
        final String mismatch = comparator.firstMismatch(List.of(EXPECTED_SELECT), List.of(
            "{\"id\": 1, \"op\": \"select\", \"selected\": [{\"agent\": \"a-7\", \"score\": 0.5556427647161951}]}"));

        // then
        assertEquals("answer 1 (id 1, select): $.selected[0].score = 0.5556427647161951, expected " +
            "0.5556427627161951", mismatch.substring(0, mismatch.indexOf(" (off by")));
    }

    @Test
    void shouldReportOtherAgentSelected()
    {
        // when
        final String mismatch = comparator.firstMismatch(List.of(EXPECTED_SELECT), List.of(
            "{\"id\": 1, \"op\": \"select\", \"selected\": [{\"agent\": \"a-2\", \"score\": 0.5556427627161951}]}"));

        // then
        assertEquals("answer 1 (id 1, select): $.selected[0].agent = a-2, expected a-7", firstLine(mismatch));
    }

    @Test
    void shouldReportMissingFieldAndDifferentFlag()
    {
        assertEquals("answer 1 (id 2, predict): $.probability is missing (expected 0.25)", firstLine(
            comparator.firstMismatch(List.of(EXPECTED_PREDICT),
            List.of("{\"id\": 2, \"op\": \"predict\", \"will_overload\": false}"))));

        assertEquals("answer 1 (id 2, predict): $.will_overload = true, expected false", firstLine(
            comparator.firstMismatch(List.of(EXPECTED_PREDICT),
            List.of("{\"id\": 2, \"op\": \"predict\", \"will_overload\": true, \"probability\": 0.25}"))));
    }

    @Test
    void shouldReportErrorInPlaceOfAnswerAndMissingAnswers()
    {
        assertEquals("answer 1 (id 1, select): $.selected is missing (expected [{agent=a-7, " +
            "score=0.5556427627161951}])", firstLine(comparator.firstMismatch(List.of(EXPECTED_SELECT),
            List.of("{\"id\": 1, \"op\": \"select\", \"error\": \"UNKNOWN_PROFILE\", \"message\": \"m\"}"))));

        assertEquals("expected 2 answers but got 1; first missing: " + EXPECTED_PREDICT,
            comparator.firstMismatch(List.of(EXPECTED_SELECT, EXPECTED_PREDICT), List.of(EXPECTED_SELECT)));
    }

    private static String firstLine(final String text)
    {
        return text.lines().findFirst().orElse("");
    }
}
