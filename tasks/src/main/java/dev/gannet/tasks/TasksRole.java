package dev.gannet.tasks;

import dev.gannet.core.node.Listener;
import dev.gannet.core.node.NodeContext;
import dev.gannet.core.node.Role;
import dev.gannet.core.node.RunningRole;
import dev.gannet.delivery.outbound.OutboundSender;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The {@code tasks} role: background maintenance with leases (journal trim, attachment garbage collection,
 * quota recount, purge of expunged messages, repair of operations a crash interrupted, the daily store check;
 * docs/store.md "Repair"). The repair and the purge run at a node's first tick after start (when no other node
 * holds their lease), so a node restarted after a crash repairs what the crash left as soon as the repair grace
 * allows; the jobs that read the whole store wait one interval. It also sends the outbound queue through
 * {@code outbound.relay} (docs/outbound.md). It has no listener. Any number of nodes may run it.
 */
public final class TasksRole implements Role {

    @Override
    public String name() {
        return "tasks";
    }

    @Override
    public RunningRole start(NodeContext context) {
        String owner = context.hostname() + "/" + UUID.randomUUID();
        JobScheduler scheduler = new JobScheduler(context, context.coordination().locks(), owner);
        scheduler.start(Jobs.all());
        OutboundSender sender = Outbound.start(context, owner);
        return new RunningRole() {
            @Override
            public List<Listener> listeners() {
                return List.of();
            }

            @Override
            public void stopAccepting() {
                scheduler.close();
                if (sender != null) {
                    sender.close();
                }
            }

            @Override
            public void close(Duration grace) {
                scheduler.close();
                if (sender != null) {
                    sender.close();
                }
            }
        };
    }
}
