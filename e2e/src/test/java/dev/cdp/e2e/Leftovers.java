package dev.cdp.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

/**
 * Searches every store of the platform for values: every text, JSON and binary column of every
 * table in the four databases, and every Redis key and value. What an erasure must leave nowhere.
 */
final class Leftovers {

    static final List<String> DATABASES = List.of("cdp_identity", "cdp_tag", "cdp_segment", "cdp_activation");
    private static final Set<String> TEXT_TYPES = Set.of("text", "character varying", "character", "json", "jsonb");

    private Leftovers() {}

    /**
     * @param except tables allowed to hold the values, as "database.table" (the erasure receipt)
     * @return where each value was found, as "database.table.column: value"
     */
    static List<String> inDatabases(
            Collection<String> values, Set<String> except, String host, String port, String user, String password)
            throws SQLException {
        return inDatabases(DATABASES, values, except, host, port, user, password);
    }

    /** As {@link #inDatabases(Collection, Set, String, String, String, String)}, in the named databases only. */
    static List<String> inDatabases(
            List<String> databases,
            Collection<String> values,
            Set<String> except,
            String host,
            String port,
            String user,
            String password)
            throws SQLException {
        List<String> found = new ArrayList<>();
        for (String database : databases) {
            try (Connection db = DriverManager.getConnection(
                    "jdbc:postgresql://" + host + ":" + port + "/" + database, user, password)) {
                for (String[] column : columns(db)) {
                    if (except.contains(database + "." + column[0])) {
                        continue;
                    }
                    boolean binary = column[2].equals("bytea");
                    String test =
                            binary ? "position(convert_to(?, 'UTF8') in \"%s\") > 0" : "strpos(\"%s\"::text, ?) > 0";
                    try (PreparedStatement query = db.prepareStatement(
                            "select count(*) from \"" + column[0] + "\" where " + test.formatted(column[1]))) {
                        for (String value : values) {
                            query.setString(1, value);
                            try (ResultSet rows = query.executeQuery()) {
                                rows.next();
                                if (rows.getLong(1) > 0) {
                                    found.add(database + "." + column[0] + "." + column[1] + ": " + value);
                                }
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    /** Table, column and type of every text, JSON or binary column of the public schema's tables. */
    private static List<String[]> columns(Connection db) throws SQLException {
        List<String[]> columns = new ArrayList<>();
        try (PreparedStatement query = db.prepareStatement("""
                select c.table_name, c.column_name, c.data_type from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
                """);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                String type = rows.getString(3);
                if (TEXT_TYPES.contains(type) || type.equals("bytea")) {
                    columns.add(new String[] {rows.getString(1), rows.getString(2), type});
                }
            }
        }
        return columns;
    }

    /** Every Redis key whose name or value holds one of the values, as "key: value". */
    static List<String> inRedis(Collection<String> values, String host, int port) {
        List<String> found = new ArrayList<>();
        try (Jedis redis = new Jedis(host, port)) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = redis.scan(cursor, new ScanParams().count(1000));
                for (String key : page.getResult()) {
                    String content = key + "\n" + contentOf(redis, key);
                    for (String value : values) {
                        if (content.contains(value)) {
                            found.add(key + ": " + value);
                        }
                    }
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        }
        return found;
    }

    private static String contentOf(Jedis redis, String key) {
        return switch (redis.type(key)) {
            case "string" -> redis.get(key);
            case "hash" -> {
                StringBuilder all = new StringBuilder();
                for (Map.Entry<String, String> field : redis.hgetAll(key).entrySet()) {
                    all.append(field.getKey())
                            .append('=')
                            .append(field.getValue())
                            .append('\n');
                }
                yield all.toString();
            }
            case "set" -> String.join("\n", redis.smembers(key));
            case "list" -> String.join("\n", redis.lrange(key, 0, -1));
            case "zset" ->
                String.join(
                        "\n",
                        redis.zrangeWithScores(key, 0, -1).stream()
                                .map(Tuple::getElement)
                                .toList());
            default -> "";
        };
    }
}
