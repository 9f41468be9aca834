import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the topics listed in a file ("name partitions" per line) that do not exist yet. */
public class CreateTopics {
    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        List<NewTopic> wanted = Files.readAllLines(Path.of(args[1])).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+"))
                .map(f -> new NewTopic(f[0], Optional.of(Integer.parseInt(f[1])), Optional.empty()))
                .toList();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            System.out.println("topics: " + wanted.size() + " wanted, created "
                    + missing.stream().map(NewTopic::name).collect(Collectors.joining(", ", "[", "]")));
        }
    }
}
