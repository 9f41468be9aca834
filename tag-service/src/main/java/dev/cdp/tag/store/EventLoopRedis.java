package dev.cdp.tag.store;

import dev.cdp.tag.TagsConfig;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Redis for the hot reads: one pipelined connection per event loop. A command sent on an event
 * loop is written on that loop's own connection and its reply parsed on the same thread, with no
 * pool to wait for and no hand-over between threads; through the pooled client GetTags spent
 * most of its time, and its latency tail, there (BENCHMARKS.md). Commands from other threads go
 * through the pooled client. A connection that fails or closes is dropped and the next command
 * on that loop opens a new one.
 */
@ApplicationScoped
public class EventLoopRedis {

    private final Redis pooled;
    private final Redis direct;
    private final Map<Thread, Future<RedisConnection>> connections = new ConcurrentHashMap<>();

    EventLoopRedis(
            Vertx vertx,
            Redis pooled,
            @ConfigProperty(name = "quarkus.redis.hosts") List<String> hosts,
            @ConfigProperty(name = "quarkus.redis.password") Optional<String> password,
            TagsConfig config) {
        this.pooled = pooled;
        // RESP2 as for the pooled client: an HGETALL reply is a flat array instead of a map built per reply.
        RedisOptions options = new RedisOptions()
                .setConnectionString(hosts.get(0))
                .setMaxWaitingHandlers(config.readPipelineDepth())
                .setPreferredProtocolVersion(ProtocolVersion.RESP2);
        password.ifPresent(options::setPassword);
        this.direct = Redis.createClient(vertx, options);
    }

    /** Sends {@code request} on this event loop's connection, or through the pool off the event loops. */
    public Uni<Response> send(Request request) {
        return Uni.createFrom().emitter(emitter -> {
            ContextInternal caller = (ContextInternal) Vertx.currentContext();
            Future<Response> reply = caller != null && caller.isEventLoopContext() && Context.isOnEventLoopThread()
                    ? connection(caller).compose(connection -> connection.send(request))
                    : pooled.send(request);
            reply.onComplete(result -> {
                if (caller == null) {
                    deliver(result, emitter);
                } else {
                    // The reply is back on this thread: what follows runs in the caller's context, not the
                    // connection's.
                    caller.emit(result, done -> deliver(done, emitter));
                }
            });
        });
    }

    private static void deliver(AsyncResult<Response> result, UniEmitter<? super Response> emitter) {
        if (result.succeeded()) {
            emitter.complete(result.result());
        } else {
            emitter.fail(result.cause());
        }
    }

    private Future<RedisConnection> connection(ContextInternal caller) {
        Thread loop = Thread.currentThread();
        Future<RedisConnection> open = connections.get(loop);
        if (open != null) {
            return open;
        }
        Promise<RedisConnection> opening = Promise.promise();
        Future<RedisConnection> connection = opening.future();
        connections.put(loop, connection);
        // Opened from the loop's own context, so its replies are parsed on this thread and belong to no request.
        caller.unwrap()
                .runOnContext(ignored -> direct.connect().onComplete(result -> {
                    if (result.succeeded()) {
                        result.result()
                                .exceptionHandler(failure -> drop(loop, connection))
                                .endHandler(ended -> drop(loop, connection));
                        opening.complete(result.result());
                    } else {
                        drop(loop, connection);
                        opening.fail(result.cause());
                    }
                }));
        return connection;
    }

    private void drop(Thread loop, Future<RedisConnection> connection) {
        if (connections.remove(loop, connection) && connection.succeeded()) {
            connection.result().close();
        }
    }

    @PreDestroy
    void close() {
        connections.forEach(this::drop);
        direct.close();
    }
}
