package io.ripple.tools.simulate;

import java.util.List;
import java.util.Map;

/**
 * Compares the simulator's answers with expected ones, line by line, and describes the first difference.
 * <p>
 * Every field of an expected answer must be present in the actual one (extra fields are allowed), lists must have
 * the same length and order, numbers must agree within a tolerance and everything else must be equal.
 */
final class AnswerComparator
{
    private final double tolerance;

    AnswerComparator(final double tolerance)
    {
        this.tolerance = tolerance;
    }

    /**
     * Compare two answer streams.
     *
     * @param expectedLines the expected answers, one JSON object per line.
     * @param actualLines   the answers given.
     * @return a description of the first difference, or null when they agree.
     */
    String firstMismatch(final List<String> expectedLines, final List<String> actualLines)
    {
        final int commonCount = Math.min(expectedLines.size(), actualLines.size());
        for (int i = 0; i < commonCount; i++)
        {
            final Map<String, Object> expected = JsonTree.parseObject(expectedLines.get(i));
            final Map<String, Object> actual = JsonTree.parseObject(actualLines.get(i));
            final String difference = difference("$", expected, actual);
            if (null != difference)
            {
                return "answer " + (i + 1) + " (id " + expected.get("id") + ", " + expected.get("op") + "): " +
                    difference + "\n  expected: " + expectedLines.get(i) + "\n  actual:   " + actualLines.get(i);
            }
        }

        if (expectedLines.size() != actualLines.size())
        {
            final String next = expectedLines.size() > commonCount ?
                "first missing: " + expectedLines.get(commonCount) :
                "first extra: " + actualLines.get(commonCount);
            return "expected " + expectedLines.size() + " answers but got " + actualLines.size() + "; " + next;
        }

        return null;
    }

    private String difference(final String path, final Object expected, final Object actual)
    {
        if (expected instanceof Map)
        {
            if (!(actual instanceof Map))
            {
                return path + " should be an object but was " + actual;
            }

            final Map<?, ?> expectedMap = (Map<?, ?>) expected;
            final Map<?, ?> actualMap = (Map<?, ?>) actual;
            for (final Map.Entry<?, ?> entry : expectedMap.entrySet())
            {
                final String fieldPath = path + "." + entry.getKey();
                if (!actualMap.containsKey(entry.getKey()))
                {
                    return fieldPath + " is missing (expected " + entry.getValue() + ")";
                }

                final String difference = difference(fieldPath, entry.getValue(), actualMap.get(entry.getKey()));
                if (null != difference)
                {
                    return difference;
                }
            }

            return null;
        }

        if (expected instanceof List)
        {
            if (!(actual instanceof List))
            {
                return path + " should be a list but was " + actual;
            }

            final List<?> expectedList = (List<?>) expected;
            final List<?> actualList = (List<?>) actual;
            if (expectedList.size() != actualList.size())
            {
                return path + " has " + actualList.size() + " entries, expected " + expectedList.size();
            }

            for (int i = 0; i < expectedList.size(); i++)
            {
                final String difference = difference(path + "[" + i + "]", expectedList.get(i), actualList.get(i));
                if (null != difference)
                {
                    return difference;
                }
            }

            return null;
        }

        if (expected instanceof Number && actual instanceof Number)
        {
            final double expectedNumber = ((Number) expected).doubleValue();
            final double actualNumber = ((Number) actual).doubleValue();
            final double error = Math.abs(expectedNumber - actualNumber);

            return error <= tolerance ? null :
                path + " = " + actualNumber + ", expected " + expectedNumber + " (off by " + error + ")";
        }

        return expected == null ? (actual == null ? null : path + " = " + actual + ", expected null") :
            expected.equals(actual) ? null : path + " = " + actual + ", expected " + expected;
    }
}
