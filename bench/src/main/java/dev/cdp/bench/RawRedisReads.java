package dev.cdp.bench;

import dev.cdp.bench.load.Latency;
import dev.cdp.bench.load.LoadLoop;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * HGETALL straight to Redis from this driver, on the same schedule as GetTags: the floor a JVM
 * caller on this machine sees, so the GetTags figures can be read as "what the service adds".
 */
final class RawRedisReads implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final Redis redis;

    RawRedisReads(int port, int connections) {
        redis = Redis.createClient(
                vertx,
                new RedisOptions()
                        .setConnectionString("redis://127.0.0.1:" + port)
                        .setMaxPoolSize(connections)
                        .setMaxPoolWaiting(100_000));
    }

    Latency atRate(double perSecond, int profiles, Duration warmup, Duration measured) throws InterruptedException {
        return LoadLoop.openLoop(
                String.format("raw Redis HGETALL at %.0f/s", perSecond),
                perSecond,
                warmup,
                measured,
                () -> redis.send(Request.cmd(Command.HGETALL)
                                .arg(RedisSeed.key(ThreadLocalRandom.current().nextInt(profiles))))
                        .toCompletionStage()
                        .toCompletableFuture());
    }

    @Override
    public void close() {
        redis.close();
        vertx.close();
    }
}
