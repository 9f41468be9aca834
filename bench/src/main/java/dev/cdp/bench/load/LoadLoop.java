package dev.cdp.bench.load;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Drives an asynchronous operation and records its latency in an HdrHistogram. */
public final class LoadLoop {

    private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(2);
    private static final int MAX_IN_FLIGHT = 20_000;
    private static final Duration DRAIN = Duration.ofSeconds(120);

    private LoadLoop() {}

    /**
     * Open loop: operations start on a fixed schedule whatever the system does, and latency runs
     * from the scheduled start, so a stalled system shows as latency instead of as fewer requests
     * (no coordinated omission). The warm-up is not recorded.
     */
    public static Latency openLoop(
            String name, double perSecond, Duration warmup, Duration measured, Supplier<CompletableFuture<?>> operation)
            throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicInteger inFlight = new AtomicInteger();
        long intervalNanos = (long) (1e9 / perSecond);
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measured.toNanos();
        for (long i = 0; ; i++) {
            long scheduled = start + i * intervalNanos;
            if (scheduled >= end) {
                break;
            }
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean record = scheduled >= measureFrom;
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                // The system has fallen hopelessly behind: count the operation as failed.
                if (record) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, "more than " + MAX_IN_FLIGHT + " operations in flight");
                }
                continue;
            }
            inFlight.incrementAndGet();
            start(operation).whenComplete((ok, failure) -> {
                inFlight.decrementAndGet();
                if (record) {
                    // From the scheduled start, not the actual one: no coordinated omission.
                    record(failure, scheduled, recorder, errors, firstError);
                }
            });
        }
        if (!drain(inFlight)) {
            errors.addAndGet(inFlight.get());
            firstError.compareAndSet(
                    null, inFlight.get() + " operations unfinished " + DRAIN.toSeconds() + " s after the period");
        }
        Histogram histogram = recorder.getIntervalHistogram();
        return Latency.of(name, perSecond, histogram, errors.get(), firstError.get(), measured.toNanos() / 1e9);
    }

    /** Closed loop: {@code concurrency} callers, each starting its next operation when the last ends. */
    public static Latency closedLoop(
            String name, int concurrency, Duration warmup, Duration measured, Supplier<CompletableFuture<?>> operation)
            throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + measured.toNanos();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int c = 0; c < concurrency; c++) {
            next(operation, recorder, errors, firstError, measureFrom, end, done);
        }
        done.await();
        return Latency.of(
                name, 0, recorder.getIntervalHistogram(), errors.get(), firstError.get(), measured.toNanos() / 1e9);
    }

    /**
     * Closed loop over a fixed amount of work: {@code concurrency} callers take operations 0, 1, …
     * until none is left; every one is recorded and the rate is over the whole run.
     */
    public static Latency untilDone(
            String name, int concurrency, int operations, IntFunction<CompletableFuture<?>> operation)
            throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicInteger taken = new AtomicInteger();
        long start = System.nanoTime();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int c = 0; c < concurrency; c++) {
            nextOf(operations, taken, operation, recorder, errors, firstError, done);
        }
        done.await();
        return Latency.of(
                name,
                0,
                recorder.getIntervalHistogram(),
                errors.get(),
                firstError.get(),
                (System.nanoTime() - start) / 1e9);
    }

    private static void nextOf(
            int operations,
            AtomicInteger taken,
            IntFunction<CompletableFuture<?>> operation,
            Recorder recorder,
            AtomicLong errors,
            AtomicReference<String> firstError,
            CountDownLatch done) {
        int index = taken.getAndIncrement();
        if (index >= operations) {
            done.countDown();
            return;
        }
        long begin = System.nanoTime();
        start(() -> operation.apply(index)).whenComplete((ok, failure) -> {
            record(failure, begin, recorder, errors, firstError);
            nextOf(operations, taken, operation, recorder, errors, firstError, done);
        });
    }

    private static void next(
            Supplier<CompletableFuture<?>> operation,
            Recorder recorder,
            AtomicLong errors,
            AtomicReference<String> firstError,
            long measureFrom,
            long end,
            CountDownLatch done) {
        long begin = System.nanoTime();
        if (begin >= end) {
            done.countDown();
            return;
        }
        start(operation).whenComplete((ok, failure) -> {
            if (begin >= measureFrom) {
                record(failure, begin, recorder, errors, firstError);
            }
            next(operation, recorder, errors, firstError, measureFrom, end, done);
        });
    }

    /** Records the operation's latency since {@code begin}, or its failure. */
    private static void record(
            Throwable failure, long begin, Recorder recorder, AtomicLong errors, AtomicReference<String> firstError) {
        if (failure != null) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, String.valueOf(failure));
        } else {
            recorder.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - begin) / 1000));
        }
    }

    private static CompletableFuture<?> start(Supplier<CompletableFuture<?>> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Waits for the operations still running; false when some did not finish in time. */
    private static boolean drain(AtomicInteger inFlight) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return inFlight.get() == 0;
    }
}
