package dev.cdp.tag.store;

import dev.cdp.platform.store.StoreProbe;
import io.smallrye.mutiny.Uni;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;

/** Redis, where the tags live: asked with a PING. */
@ApplicationScoped
public class RedisProbe implements StoreProbe {

    private final EventLoopRedis redis;

    RedisProbe(EventLoopRedis redis) {
        this.redis = redis;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public Uni<Void> ping() {
        return redis.send(Request.cmd(Command.PING)).replaceWithVoid();
    }
}
