package org.campaigndesk.kernel;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Facts a process keeps in one typed record variable instead of separate variables (the key task's
 * record, owned by the task package), answered by the fact's old variable name for readers on the
 * floors below the owner: the deadline watch reading the work that called it, mail recipients. The
 * owner registers how to read its record once at start-up; a reader hands over how to read the
 * instance's variables and gets the fact from the record if the instance has one, else the variable
 * of that name (a rectification, a campaign item, a supervision target keep theirs separately).
 *
 * <p>A static registry rather than an injected bean: the watch reads facts from static helpers and
 * expression paths that get no Spring beans, and the owner sits on a floor above them.
 */
public final class RecordedFacts {

  /** How one kind of record answers: the fact named, from the instance's variables, or null if it holds no such record. */
  public interface Reader {
    /** The record's variable name. */
    String variable();

    /** The fact by its variable name, from the record variable's value. */
    Object fact(Object recordValue, String name);
  }

  private static final List<Reader> READERS = new CopyOnWriteArrayList<>();

  private RecordedFacts() {}

  /** Called by a record's owner at start-up; registering the same kind again replaces it. */
  public static void register(Reader reader) {
    READERS.removeIf(r -> r.variable().equals(reader.variable()));
    READERS.add(reader);
  }

  /** The fact {@code name} of an instance whose variables {@code variables} reads (null for a variable it lacks). */
  public static Object fact(Function<String, Object> variables, String name) {
    for (Reader reader : READERS) {
      Object record = variables.apply(reader.variable());
      Object fact = record == null ? null : reader.fact(record, name);
      if (fact != null) {
        return fact;
      }
    }
    return variables.apply(name);
  }

  /** Whether a reader of a record variable of this name is registered: such a variable is no plain fact. */
  public static boolean isRecord(String variable) {
    return READERS.stream().anyMatch(r -> r.variable().equals(variable));
  }
}
