package dev.cdp.bench;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.ArrayList;
import java.util.List;

/** The load driver's gRPC connections to one port; closing shuts them down. */
final class GrpcConnections implements AutoCloseable {

    /** gRPC connections the load driver spreads calls over, as a fleet of callers would. */
    static final int COUNT = 4;

    private final List<ManagedChannel> channels;

    private GrpcConnections(List<ManagedChannel> channels) {
        this.channels = channels;
    }

    /** The calls carry {@code token} (bin/bench: CDP_BENCH_TOKEN); the floors ignore it. */
    static GrpcConnections to(int port, String token) {
        Metadata credentials = new Metadata();
        credentials.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        List<ManagedChannel> channels = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            // Callbacks run on the transport's threads: the driver's own thread hops stay out of the figures.
            channels.add(ManagedChannelBuilder.forAddress("127.0.0.1", port)
                    .usePlaintext()
                    .directExecutor()
                    .intercept(MetadataUtils.newAttachHeadersInterceptor(credentials))
                    .build());
        }
        return new GrpcConnections(channels);
    }

    List<ManagedChannel> channels() {
        return channels;
    }

    @Override
    public void close() {
        channels.forEach(ManagedChannel::shutdownNow);
    }
}
