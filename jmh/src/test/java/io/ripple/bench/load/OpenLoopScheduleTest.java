package io.ripple.bench.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OpenLoopScheduleTest
{
    @Test
    void shouldPlanMessagesAtFixedIntervalsFromTheStart()
    {
        // given
        final OpenLoopSchedule schedule = new OpenLoopSchedule(1_000_000L, 100_000);

        // when / then: 100,000 per second is one every 10 us
        assertEquals(1_000_000L, schedule.plannedNs(0));
        assertEquals(1_010_000L, schedule.plannedNs(1));
        assertEquals(1_000_000L + 1_000_000_000L, schedule.plannedNs(100_000));
    }

    @Test
    void shouldCountEveryMessageDueWhateverWasSentBefore()
    {
        // given
        final OpenLoopSchedule schedule = new OpenLoopSchedule(5_000L, 1_000);

        // when / then: nothing before the start, message 0 at the start, a stall leaves every overdue message due
        assertEquals(0, schedule.dueCount(4_999L));
        assertEquals(1, schedule.dueCount(5_000L));
        assertEquals(1, schedule.dueCount(5_000L + 999_999L));
        assertEquals(2, schedule.dueCount(5_000L + 1_000_000L));
        assertEquals(51, schedule.dueCount(5_000L + 50_000_000L));
    }

    @Test
    void shouldMeasureLatencyFromThePlannedTimeNotTheSendTime()
    {
        // given: message 3 planned at 3 ms, sent late at 8 ms after a stall, answered at 8.02 ms
        final OpenLoopSchedule schedule = new OpenLoopSchedule(0, 1_000);
        final long plannedNs = schedule.plannedNs(3);
        final long answeredNs = 8_020_000L;

        // when
        final long latencyNs = OpenLoopSchedule.latencyNs(plannedNs, answeredNs);

        // then: the 5 ms stall is charged to the message, not hidden by measuring from the late send
        assertEquals(5_020_000L, latencyNs);
        assertEquals(0, OpenLoopSchedule.latencyNs(plannedNs, plannedNs - 1));
    }

    @Test
    void shouldRecordLatenciesUpToTheMaximumWithoutGrowingTheHistograms()
    {
        // given histograms as a load run makes them, and latencies up to far beyond the maximum
        final Histogram histogram = OpenLoopSchedule.newLatencyHistogram();
        final Recorder recorder = OpenLoopSchedule.newLatencyRecorder();
        Histogram interval = recorder.getIntervalHistogram();
        final int footprint = histogram.getEstimatedFootprintInBytes();
        final int intervalFootprint = interval.getEstimatedFootprintInBytes();

        // when
        for (final long latencyNs : new long[]{ 1, 250_000, 30_000_000_000L, OpenLoopSchedule.MAX_LATENCY_NS * 4 })
        {
            recorder.recordValue(OpenLoopSchedule.latencyNs(0, latencyNs));
        }
        interval = recorder.getIntervalHistogram(interval);
        interval.copyInto(histogram);

        // then: the longest is recorded as the maximum, and nothing had to grow to hold it
        assertEquals(4, histogram.getTotalCount());
        assertEquals(OpenLoopSchedule.MAX_LATENCY_NS, histogram.getMaxValue(), OpenLoopSchedule.MAX_LATENCY_NS / 1000);
        assertEquals(footprint, histogram.getEstimatedFootprintInBytes());
        assertEquals(intervalFootprint, interval.getEstimatedFootprintInBytes());
    }

    @Test
    void shouldPlanNonIntegerIntervalsWithoutDrift()
    {
        // given: 3 per second is an interval of 333,333,333.33 ns
        final OpenLoopSchedule schedule = new OpenLoopSchedule(0, 3);

        // when / then: message 3 is at exactly one second, not 999,999,999 ns
        assertEquals(1_000_000_000L, schedule.plannedNs(3));
        assertEquals(4, schedule.dueCount(1_000_000_000L));
    }

    @Test
    void shouldRejectRateThatIsNotPositive()
    {
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new OpenLoopSchedule(0, Double.NaN));
    }
}
