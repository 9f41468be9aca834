package dev.cdp.platform.deadletter;

import dev.cdp.platform.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.logging.Logger;

/**
 * The service's dead-letter topic for operators: how much waits there, and a replay once the cause
 * is fixed ({@code bin/cdp replay-dlq SERVICE}). Runs on a worker thread: the Kafka clients block.
 */
@Path("/v1/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
public class DeadLetterResource {

    private static final Logger LOG = Logger.getLogger(DeadLetterResource.class);

    private final DeadLetterReplay replay;
    private final SecurityIdentity caller;

    DeadLetterResource(DeadLetterReplay replay, SecurityIdentity caller) {
        this.replay = replay;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    public DeadLetterReplay.Pending pending() {
        return replay.pending();
    }

    @POST
    @Path("/replay")
    @RolesAllowed(Roles.ADMIN)
    public DeadLetterReplay.Replayed replay() {
        LOG.infof("dead-letter replay requested by %s", caller.getPrincipal().getName());
        return replay.replay();
    }
}
