import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Creates the topics listed in a file ("name partitions retention" per line, retention as 7d or
 * 12h, or "compact" for a topic that keeps the latest record of each key for good) that do not
 * exist yet, and sets every listed topic's retention or compaction.
 */
public class CreateTopics {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        List<String[]> lines = Files.readAllLines(Path.of(args[1])).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+"))
                .toList();
        List<NewTopic> wanted = lines.stream()
                .map(f -> new NewTopic(f[0], Optional.of(Integer.parseInt(f[1])), Optional.empty())
                        .configs(cleanup(f[2])))
                .toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            Map<ConfigResource, Collection<AlterConfigOp>> retention = wanted.stream().collect(Collectors.toMap(
                    topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic.name()),
                    topic -> topic.configs().entrySet().stream()
                            .map(config -> new AlterConfigOp(new ConfigEntry(config.getKey(), config.getValue()),
                                    AlterConfigOp.OpType.SET))
                            .toList()));
            admin.incrementalAlterConfigs(retention).all().get();
            System.out.println("topics: " + wanted.size() + " wanted, created "
                    + missing.stream().map(NewTopic::name).collect(Collectors.joining(", ", "[", "]")) + ", retention set");
        }
    }

    private static Map<String, String> cleanup(String text) {
        return text.equals("compact")
                ? Map.of("cleanup.policy", "compact")
                : Map.of("cleanup.policy", "delete", "retention.ms", Long.toString(retention(text).toMillis()));
    }

    private static Duration retention(String text) {
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 'd' -> Duration.ofDays(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("retention " + text + " must end in d or h");
        };
    }
}
