package io.camvault.gateway.upload;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.gateway.GatewayConfig;
import io.camvault.gateway.backend.InMemoryBackend;
import io.camvault.gateway.metrics.GatewayMetrics;
import io.camvault.gateway.protocol.IngestMetadata;
import io.camvault.gateway.tus.TusServerTest;
import io.netty.buffer.Unpooled;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Small uploads have writer threads of their own and go first at sync time; big ones yield. */
class UploadLanesTest {
    @TempDir
    Path dir;
    private final ExecutorService bigPool = Executors.newFixedThreadPool(2, r -> new Thread(r, "big-lane"));
    private final ExecutorService smallPool = Executors.newFixedThreadPool(2, r -> new Thread(r, "small-lane"));

    @AfterEach
    void stop() {
        bigPool.shutdownNow();
        smallPool.shutdownNow();
    }

    private UploadStore store(long smallBytes) {
        InMemoryBackend backend = new InMemoryBackend(dir, Clock.systemUTC());
        GatewayConfig config = GatewayConfig.builder().diskReserve(0).smallUploadBytes(smallBytes).build();
        return new UploadStore(config, backend, () -> Long.MAX_VALUE / 4, bigPool, smallPool,
                new GatewayMetrics(() -> 0, () -> 0));
    }

    private static String laneOf(UploadStore store, Upload u) {
        return store.onWriter(u, () -> Thread.currentThread().getName()).join();
    }

    @Test
    void uploadsUpToTheThresholdTakeTheSmallLaneAndDeferredLengthsTheBigOne() {
        UploadStore store = store(1000);
        IngestMetadata md = IngestMetadata.from(TusServerTest.metadata(null));
        Upload small = store.create("dock-7", 1000L, md, UploadRecord.Kind.SINGLE, List.of());
        Upload big = store.create("dock-7", 1001L, md, UploadRecord.Kind.SINGLE, List.of());
        Upload deferred = store.create("dock-7", null, md, UploadRecord.Kind.SINGLE, List.of());
        assertThat(laneOf(store, small)).isEqualTo("small-lane");
        assertThat(laneOf(store, big)).isEqualTo("big-lane");
        assertThat(laneOf(store, deferred)).isEqualTo("big-lane");
    }

    @Test
    void aSmallUploadCommitsWhileABigOneStreamsAndBothKeepTheirBytes() throws Exception {
        UploadStore store = store(64 * 1024);
        IngestMetadata md = IngestMetadata.from(TusServerTest.metadata(null));
        byte[] bigBytes = new byte[3 * 1024 * 1024];
        new Random(1).nextBytes(bigBytes);
        byte[] smallBytes = new byte[50_000];
        new Random(2).nextBytes(smallBytes);
        Upload big = store.create("dock-7", (long) bigBytes.length, md, UploadRecord.Kind.SINGLE, List.of());
        Upload small = store.create("dock-7", (long) smallBytes.length, md, UploadRecord.Kind.SINGLE, List.of());
        store.begin(big, null).join();
        store.begin(small, null).join();
        CompletableFuture<Void> bigWrites = CompletableFuture.completedFuture(null);
        for (int off = 0; off < bigBytes.length; off += 64 * 1024) {
            bigWrites = store.append(big, Unpooled.wrappedBuffer(bigBytes, off, 64 * 1024));
        }
        store.append(small, Unpooled.wrappedBuffer(smallBytes)).join();
        UploadRecord smallDone = store.end(small, false).get(30, TimeUnit.SECONDS);
        bigWrites.get(30, TimeUnit.SECONDS);
        UploadRecord bigDone = store.end(big, false).get(30, TimeUnit.SECONDS);
        assertThat(smallDone.state()).isEqualTo(UploadRecord.State.COMMITTED);
        assertThat(bigDone.state()).isEqualTo(UploadRecord.State.COMMITTED);
        assertThat(smallDone.sha256()).isEqualTo(io.camvault.vault.store.Digests.sha256(smallBytes).hex());
        assertThat(bigDone.sha256()).isEqualTo(io.camvault.vault.store.Digests.sha256(bigBytes).hex());
    }

    @Test
    void aBigWriteWaitsUntilTheSmallUploadsSyncIsOver() throws Exception {
        SmallFirst gate = new SmallFirst(1, TimeUnit.MINUTES);
        assertThat(gate.yieldToSmall()).isZero();
        gate.enter();
        assertABigWriteWaitsUntil(gate, gate::exit);
    }

    /** Starts a big write and checks it is still held 200 ms later, and goes through once {@code release} ran. */
    private static void assertABigWriteWaitsUntil(SmallFirst gate, Runnable release) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger done = new AtomicInteger();
        Thread bigWriter = new Thread(() -> {
            started.countDown();
            gate.yieldToSmall();
            done.incrementAndGet();
        });
        bigWriter.start();
        started.await();
        bigWriter.join(200);
        assertThat(done).hasValue(0);
        release.run();
        bigWriter.join(10_000);
        assertThat(done).hasValue(1);
    }

    @Test
    void aBigWriteWaitsNoLongerThanTheBound() {
        SmallFirst gate = new SmallFirst(30, TimeUnit.MILLISECONDS);
        gate.enter(); // a small upload that never finishes syncing
        long waited = gate.yieldToSmall();
        assertThat(waited).isBetween(TimeUnit.MILLISECONDS.toNanos(30), TimeUnit.SECONDS.toNanos(10));
    }

    @Test
    void aSmallBodyHoldsBigWritesUntilItEnds() throws Exception {
        SmallFirst gate = new SmallFirst(1, 1, TimeUnit.MINUTES);
        SmallFirst.Hold body = gate.holdForBody();
        assertABigWriteWaitsUntil(gate, body::close);
        assertThat(gate.yieldToSmall()).as("nothing held any more").isZero();
    }

    @Test
    void aBodyHoldLapsesByItselfSoASlowSenderCannotHoldBigWritesBack() {
        SmallFirst gate = new SmallFirst(60_000, 40, TimeUnit.MILLISECONDS);
        gate.holdForBody(); // never closed: a recorder trickling its file over 4G
        long waited = gate.yieldToSmall();
        assertThat(waited).isBetween(TimeUnit.MILLISECONDS.toNanos(40), TimeUnit.SECONDS.toNanos(10));
        assertThat(gate.yieldToSmall()).as("lapsed").isZero();
    }
}
