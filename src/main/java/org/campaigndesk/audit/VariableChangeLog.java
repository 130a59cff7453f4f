package org.campaigndesk.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Date;
import java.util.List;
import org.campaigndesk.kernel.EngineTaps;
import org.campaigndesk.kernel.RowsAtCommit;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Each value a process variable took after its instance started, with its time, in
 * {@code cd_variable_change} (the engine's variable updates, ACT_HI_DETAIL, at history level full).
 * Kept in the engine's transaction as the engine reports the change ({@link EngineTaps}) and written
 * in one batch before it commits (a report's opening sets four variables: one round trip, not four).
 */
@Service
public class VariableChangeLog implements EngineTaps.VariableChangeListener {

  /** Longer text is cut here (the column's size). */
  static final int MAX_TEXT = 100_000;

  /** A value a variable took: its name, value (String, Long, Double, Boolean, Date or null), revision and time. */
  public record Change(String name, Object value, int revision, Date time) {}

  private static final String INSERT = "insert into cd_variable_change (process_instance_id, execution_id, variable_name,"
      + " revision, changed_at, value_type, text_value, long_value, double_value) values (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final JdbcTemplate jdbc;
  private final RowsAtCommit rows;

  public VariableChangeLog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
    this.rows = new RowsAtCommit(jdbc, INSERT);
  }

  @Override
  public void changed(EngineTaps.VariableChange change) {
    rows.add(java.util.Collections.singletonList(row(change)));
  }

  static void insert(JdbcTemplate jdbc, List<EngineTaps.VariableChange> changes) {
    if (changes.isEmpty()) {
      return;
    }
    jdbc.batchUpdate(INSERT, changes.stream().map(VariableChangeLog::row).toList());
  }

  private static Object[] row(EngineTaps.VariableChange c) {
    return new Object[] {c.processInstanceId(), c.executionId(), c.name(), c.revision(), new Timestamp(c.time().getTime()),
        c.type(), c.text() != null && c.text().length() > MAX_TEXT ? c.text().substring(0, MAX_TEXT) : c.text(),
        c.longValue(), c.doubleValue()};
  }

  /** The changes of the process instance's variables, oldest first (this transaction's too). */
  public List<Change> of(String processInstanceId) {
    rows.writePending();
    return jdbc.query("select variable_name, value_type, text_value, long_value, double_value, revision, changed_at"
        + " from cd_variable_change where process_instance_id = ? order by changed_at, id", this::change, processInstanceId);
  }

  private Change change(ResultSet rs, int row) throws SQLException {
    return new Change(rs.getString("variable_name"), value(rs), rs.getInt("revision"), new Date(rs.getTimestamp("changed_at").getTime()));
  }

  private static Object value(ResultSet rs) throws SQLException {
    String type = rs.getString("value_type");
    long number = rs.getLong("long_value");
    boolean hasNumber = !rs.wasNull();
    double decimal = rs.getDouble("double_value");
    boolean hasDecimal = !rs.wasNull();
    String text = rs.getString("text_value");
    return switch (type == null ? "null" : type) {
      case "null" -> null;
      case "boolean" -> hasNumber ? number == 1 : null;
      case "date" -> hasNumber ? new Date(number) : null;
      case "long", "integer", "short" -> hasNumber ? number : null;
      case "double" -> hasDecimal ? decimal : null;
      default -> text;
    };
  }
}
