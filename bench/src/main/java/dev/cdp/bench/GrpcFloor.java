package dev.cdp.bench;

import dev.cdp.proto.v1.GetTagsRequest;
import dev.cdp.proto.v1.ProfileTags;
import dev.cdp.proto.v1.TagServiceGrpc;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The least a JVM gRPC service can do for GetTags: a bare grpc-java Netty server, run in a JVM of
 * its own, answering every call with the same ProfileTags (one tag-service gave) from memory, on
 * the transport's threads. GetTags measured against it on the same schedule shows what the
 * HTTP/2 and gRPC hop alone costs on this machine, before any framework, Redis or decoding.
 */
public final class GrpcFloor {

    private GrpcFloor() {}

    /** Arguments: the port, and a file holding the serialised ProfileTags to answer with. */
    public static void main(String[] args) throws Exception {
        ProfileTags answer = ProfileTags.parseFrom(Files.readAllBytes(Path.of(args[1])));
        Server server = NettyServerBuilder.forPort(Integer.parseInt(args[0]))
                .directExecutor()
                .addService(new TagServiceGrpc.TagServiceImplBase() {
                    @Override
                    public void getTags(GetTagsRequest request, StreamObserver<ProfileTags> response) {
                        response.onNext(answer);
                        response.onCompleted();
                    }
                })
                .build()
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        server.awaitTermination();
    }
}
