package org.campaigndesk;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Every SQL statement and commit the application sends to the database while a test records, with the
 * thread that sent it: the way to count what one HTTP request costs (its statements run on the web
 * server's request thread). Installed below the connection pool of the tests' application.
 */
public final class StatementLog {

  /** One statement sent: its thread and its SQL ("commit" and "rollback" for those). */
  public record Sent(String thread, String sql) {}

  private static final List<Sent> SENT = new ArrayList<>();
  private static volatile boolean recording;

  private StatementLog() {}

  /** The statements sent by the web server's request threads while {@code work} ran. */
  public static List<String> ofRequests(Runnable work) {
    synchronized (SENT) {
      SENT.clear();
    }
    recording = true;
    try {
      work.run();
    } finally {
      recording = false;
    }
    synchronized (SENT) {
      // Tomcat's request threads: http-nio-<port>-exec-<n>
      return SENT.stream().filter(s -> s.thread().startsWith("http-nio-")).map(Sent::sql).toList();
    }
  }

  private static void sent(String sql) {
    if (recording) {
      synchronized (SENT) {
        SENT.add(new Sent(Thread.currentThread().getName(), sql));
      }
    }
  }

  private static final Set<String> EXECUTES = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
      "executeBatch", "executeLargeBatch");

  private static Object connection(Connection target) {
    return Proxy.newProxyInstance(StatementLog.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
      String name = method.getName();
      if (name.equals("commit") || name.equals("rollback") && (args == null || args.length == 0)) {
        sent(name);
        Statements.roundTrip();
        Statements.transactionEnded();
      }
      if (name.equals("commit")) {
        Statements.committed();
      }
      Object result = invoke(target, method, args);
      if (result instanceof Statement statement && name.startsWith("prepare")) {
        return statement(statement, (String) args[0]);
      }
      if (result instanceof Statement statement) {
        return statement(statement, null);
      }
      return result;
    });
  }

  private static Object statement(Statement sent, String prepared) {
    // Counted by kind for the thread that asks (Statements), then logged here.
    Statement target = Statements.counting(sent, prepared);
    Class<?>[] types = target instanceof java.sql.CallableStatement ? new Class<?>[] {java.sql.CallableStatement.class}
        : target instanceof java.sql.PreparedStatement ? new Class<?>[] {java.sql.PreparedStatement.class}
        : new Class<?>[] {Statement.class};
    InvocationHandler handler = (proxy, method, args) -> {
      if (EXECUTES.contains(method.getName())) {
        sent(prepared != null ? prepared : args != null && args.length > 0 ? String.valueOf(args[0]) : "batch");
      }
      return invoke(target, method, args);
    };
    return Proxy.newProxyInstance(StatementLog.class.getClassLoader(), types, handler);
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @TestConfiguration
  public static class Config {
    /** The pool keeps its type and settings; it takes its connections from a recording driver data source. */
    @Bean
    static BeanPostProcessor statementLogDataSource() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
          if (bean instanceof HikariDataSource pool && pool.getDataSource() == null && pool.getJdbcUrl() != null) {
            DataSource driver = new DriverManagerDataSource(pool.getJdbcUrl(), pool.getUsername(), pool.getPassword());
            pool.setDataSource((DataSource) Proxy.newProxyInstance(StatementLog.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                  Object result = invoke(driver, method, args);
                  return result instanceof Connection c ? connection(c) : result;
                }));
          }
          return bean;
        }
      };
    }
  }
}
