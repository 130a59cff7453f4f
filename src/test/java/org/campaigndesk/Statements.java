package org.campaigndesk;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts the SQL statements a piece of work runs on the calling thread, by kind ("insert
 * ACT_RU_TASK", "select ACT_RU_VARIABLE"): each row of a JDBC batch counts as one statement, as
 * each is one statement for the database whether or not the driver sends several in one round trip
 * (PostgreSQL's rewritten batch inserts do). Seen on the connections below the tests' pool
 * ({@link StatementLog}), so every reader and writer of the application's data source is counted
 * (the engine's MyBatis and the application's JdbcTemplate alike); only the thread that called
 * {@link #count} is counted, so the count is the same on every run of the same work.
 * <p>Round trips are counted beside them: each statement run on its own, each JDBC batch
 * ({@code executeBatch}: the driver sends it in one message, as multi-row inserts on PostgreSQL with
 * {@code reWriteBatchedInserts}) and each commit or rollback is one.
 */
public final class Statements {

  private static final ThreadLocal<Counted<?>> COUNTING = new ThreadLocal<>();
  private static final Pattern FROM = Pattern.compile("\\bfrom\\s+([A-Za-z_][A-Za-z0-9_]*)", Pattern.CASE_INSENSITIVE);
  private static final Pattern INTO = Pattern.compile("\\binto\\s+([A-Za-z_][A-Za-z0-9_]*)", Pattern.CASE_INSENSITIVE);

  private Statements() {}

  /** The statements {@code work} ran on this thread, by kind, sorted by kind. */
  public static <T> Counted<T> count(Supplier<T> work) {
    Counted<?> outer = COUNTING.get();
    Counted<T> counted = new Counted<>(new java.util.ArrayList<>(), new TreeMap<>());
    counted.opened = new Transaction();
    COUNTING.set(counted);
    try {
      counted.result.add(work.get());
      return counted;
    } finally {
      COUNTING.set(outer);
    }
  }

  public static Counted<Void> count(Runnable work) {
    return count(() -> {
      work.run();
      return null;
    });
  }

  /**
   * What one database transaction of the work sent: statements (each row of a batch one), round trips
   * (as {@link Counted#roundTrips}, its commit among them) and of them JDBC batches. Statements sent
   * outside a transaction (auto-commit) count in the transaction that follows, or in a last one.
   */
  public static final class Transaction {
    private final Map<String, Integer> byKind = new TreeMap<>();
    private int roundTrips;
    private int batches;

    public Map<String, Integer> byKind() {
      return byKind;
    }

    public int statements() {
      return byKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    public int roundTrips() {
      return roundTrips;
    }

    /** Round trips that were JDBC batches (executeBatch). */
    public int batches() {
      return batches;
    }

    @Override
    public String toString() {
      return statements() + " statements in " + roundTrips + " round trips (" + batches + " batches)";
    }
  }

  /** The statements a piece of work ran, by kind, and each statement's text in the order run. */
  public static final class Counted<T> {
    private final List<T> result;
    private final Map<String, Integer> byKind;
    private final List<String> sql = new java.util.ArrayList<>();
    private int batches;
    private int commits;
    private int roundTrips;
    private final List<Transaction> transactions = new java.util.ArrayList<>();
    private Transaction opened;

    Counted(List<T> result, Map<String, Integer> byKind) {
      this.result = result;
      this.byKind = byKind;
    }

    public T result() {
      return result.get(0);
    }

    public Map<String, Integer> byKind() {
      return byKind;
    }

    /** The statements' texts (whitespace folded), in the order they ran; "-- executeBatch" where a batch was sent. */
    public List<String> sql() {
      return sql;
    }

    /** JDBC batches sent (each one round trip, however many statements it holds). */
    public int batches() {
      return batches;
    }

    /** Commits sent (each one round trip; the engine commits an empty transaction after each job too). */
    public int commits() {
      return commits;
    }

    /** Messages to the database and back: statements run alone, batches, commits and rollbacks. */
    public int roundTrips() {
      return roundTrips;
    }

    public int total() {
      return byKind.values().stream().mapToInt(Integer::intValue).sum();
    }

    /**
     * The work's transactions, in the order committed (or rolled back); statements after the last
     * commit form a last one.
     */
    public List<Transaction> transactions() {
      List<Transaction> all = new java.util.ArrayList<>(transactions);
      if (opened.roundTrips > 0) {
        all.add(opened);
      }
      return all;
    }

    /** Statements of one verb ("select", "insert", "update", "delete"). */
    public int of(String verb) {
      return byKind.entrySet().stream().filter(e -> e.getKey().startsWith(verb + " ")).mapToInt(Map.Entry::getValue).sum();
    }

    /** Statements of one verb on one table. */
    public int of(String verb, String table) {
      return byKind.getOrDefault(verb + " " + table.toUpperCase(), 0);
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder();
      byKind.forEach((kind, n) -> text.append(String.format("  %3d  %s%n", n, kind)));
      text.append(String.format("  %3d  in all (%d select, %d insert, %d update, %d delete), %d round trips%n", total(),
          of("select"), of("insert"), of("update"), of("delete"), roundTrips));
      transactions().forEach(t -> text.append("       transaction: ").append(t).append(System.lineSeparator()));
      return text.toString();
    }
  }

  /** "select ACT_RU_VARIABLE", "insert ACT_RU_TASK": the verb and the first table the statement names. */
  static String kind(String sql) {
    String[] words = sql.trim().split("\\s+", 3);
    String verb = words[0].toLowerCase();
    Matcher table = switch (verb) {
      case "insert", "merge" -> INTO.matcher(sql);
      case "update" -> null;
      default -> FROM.matcher(sql);
    };
    String name = table == null ? (words.length > 1 ? words[1] : "?") : table.find() ? table.group(1) : "?";
    return (verb.equals("with") ? "select" : verb) + " " + name.toUpperCase();
  }

  private static void counted(String sql) {
    Counted<?> counted = COUNTING.get();
    if (counted != null && sql != null) {
      counted.byKind.merge(kind(sql), 1, Integer::sum);
      counted.opened.byKind.merge(kind(sql), 1, Integer::sum);
      counted.sql.add(sql.trim().replaceAll("\\s+", " "));
    }
  }

  /** A commit on this thread's connection ({@link StatementLog}; its round trip is counted by {@link #roundTrip}). */
  static void committed() {
    Counted<?> counted = COUNTING.get();
    if (counted != null) {
      counted.commits++;
    }
  }

  /** One round trip on this thread (a statement alone, a batch, a commit or rollback), if it counts. */
  static void roundTrip() {
    Counted<?> counted = COUNTING.get();
    if (counted != null) {
      counted.roundTrips++;
      counted.opened.roundTrips++;
    }
  }

  /** A JDBC batch sent on this thread: marked in the statements' texts ("-- executeBatch") and counted in its transaction. */
  static void batchSent() {
    Counted<?> counted = COUNTING.get();
    if (counted != null) {
      counted.batches++;
      counted.opened.batches++;
      counted.sql.add("-- executeBatch");
    }
  }

  /** This thread's transaction ended (a commit or rollback on its connection, counted as a round trip before). */
  static void transactionEnded() {
    Counted<?> counted = COUNTING.get();
    if (counted != null && counted.opened.roundTrips > 0) {
      counted.transactions.add(counted.opened);
      counted.opened = new Transaction();
    }
  }

  /**
   * {@code statement} counted for the thread that runs it while it {@link #count}s: {@link StatementLog}
   * hands each statement of the tests' connections here (one wrapper below the pool for both).
   */
  static Statement counting(Statement statement, String prepared) {
    Class<?>[] types = statement instanceof java.sql.CallableStatement ? new Class<?>[] {java.sql.CallableStatement.class}
        : statement instanceof java.sql.PreparedStatement ? new Class<?>[] {java.sql.PreparedStatement.class}
        : new Class<?>[] {Statement.class};
    Map<Integer, Object> parameters = new TreeMap<>();
    InvocationHandler handler = (proxy, method, args) -> {
      String name = method.getName();
      if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer index) {
        parameters.put(index, args[1]);
      } else if (name.equals("addBatch") || (name.startsWith("execute") && !name.endsWith("Batch"))) {
        String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : prepared;
        counted(sql == null ? null : sql + " " + parameters.values());
      }
      if (name.startsWith("execute")) {
        roundTrip();
      }
      if (name.equals("executeBatch") || name.equals("executeLargeBatch")) {
        batchSent();
      }
      if (name.equals("clearParameters") || name.equals("addBatch")) {
        parameters.clear();
      }
      return invoke(statement, method, args);
    };
    return (Statement) Proxy.newProxyInstance(Statements.class.getClassLoader(), types, handler);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
