package org.campaigndesk.reminder;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.camunda.bpm.engine.RuntimeService;
import org.campaigndesk.kernel.RecordedFacts;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.runtime.ProcessInstance;

/**
 * The watched work's facts, read where they live instead of copied into every watch: the watch's
 * own variables first (its call activity's mappings: due date, subject, kind, and facts the caller
 * holds only in an inner scope, see {@link WatchInputs}), then the calling process instance's, from
 * its record where it keeps one (the key task's, {@link RecordedFacts}). A watch lives only while its call activity does, so the caller is there whenever it asks; a fact the
 * caller changes (a new lead unit) is seen at once.
 */
final class WatchedWork {

  private WatchedWork() {}

  /** {@code watch} with reads of variables it does not hold answered by the instance that called it. */
  static DelegateExecution view(DelegateExecution watch) {
    if (Proxy.isProxyClass(watch.getClass())) {
      return watch;
    }
    return (DelegateExecution) Proxy.newProxyInstance(WatchedWork.class.getClassLoader(),
        new Class<?>[] {DelegateExecution.class}, new Handler(watch));
  }

  /** One fact of the watched work, for the BPMN's expressions (timer dates) that get the plain execution. */
  static Object fact(VariableScope watch, String name) {
    // Its own first: a watch's variables, or the work itself asking (a key task's record, DeadlineWatch.startsAt).
    Object own = RecordedFacts.fact(watch::getVariable, name);
    if (own != null || watch.hasVariable(name) || !(watch instanceof DelegateExecution execution)) {
      return own;
    }
    String caller = callerOf(execution);
    RuntimeService runtime = execution.getProcessEngineServices().getRuntimeService();
    return caller == null ? null : RecordedFacts.fact(variable -> runtime.getVariable(caller, variable), name);
  }

  static String callerOf(DelegateExecution watch) {
    return callerOf(watch.getProcessEngineServices().getRuntimeService(), watch.getProcessInstanceId());
  }

  /** The process instance whose call activity started the watch {@code watchInstanceId}, or null. */
  static String callerOf(RuntimeService runtime, String watchInstanceId) {
    ProcessInstance caller = runtime.createProcessInstanceQuery().subProcessInstanceId(watchInstanceId).singleResult();
    return caller == null ? null : caller.getId();
  }

  private static final class Handler implements InvocationHandler {
    private final DelegateExecution watch;
    private String caller;
    private boolean callerLooked;

    Handler(DelegateExecution watch) {
      this.watch = watch;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (args != null && args.length == 1 && args[0] instanceof String variable && !watch.hasVariable(variable)
          && (name.equals("getVariable") || name.equals("getVariableTyped") || name.equals("hasVariable"))) {
        String from = caller();
        RuntimeService runtime = watch.getProcessEngineServices().getRuntimeService();
        Object fact = from == null ? null : RecordedFacts.fact(v -> runtime.getVariable(from, v), variable);
        if (name.equals("hasVariable")) {
          return fact != null;
        }
        return name.equals("getVariable") || fact == null ? fact : org.camunda.bpm.engine.variable.Variables.untypedValue(fact);
      }
      try {
        return method.invoke(watch, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private String caller() {
      if (!callerLooked) {
        caller = callerOf(watch);
        callerLooked = true;
      }
      return caller;
    }
  }
}
