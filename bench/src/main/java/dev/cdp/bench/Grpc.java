package dev.cdp.bench;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import java.util.concurrent.CompletableFuture;

/** gRPC's ListenableFuture as a CompletableFuture. */
final class Grpc {

    private Grpc() {}

    static <T> CompletableFuture<T> toCompletable(ListenableFuture<T> future) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Futures.addCallback(
                future,
                new FutureCallback<>() {
                    @Override
                    public void onSuccess(T value) {
                        result.complete(value);
                    }

                    @Override
                    public void onFailure(Throwable failure) {
                        result.completeExceptionally(failure);
                    }
                },
                MoreExecutors.directExecutor());
        return result;
    }
}
