package org.campaigndesk.kernel;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Function;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;

/**
 * Values computed once per engine command (one transaction) and reused within it: for work that one
 * job repeats for several tasks it creates, reading the same rows each time (a dispatch's meetings,
 * one per leader). Outside a command every call computes anew. Command contexts are weak keys: a
 * context is forgotten when it closes.
 */
public final class PerCommand<K, V> {

  private final Map<CommandContext, Map<K, V>> values = Collections.synchronizedMap(new WeakHashMap<>());

  /** The value of {@code key} computed in the running command, computing it the first time. */
  public V get(K key, Function<K, V> compute) {
    CommandContext context = Context.getCommandContext();
    if (context == null) {
      return compute.apply(key);
    }
    Map<K, V> ofCommand = values.computeIfAbsent(context, c -> new HashMap<>());
    V value = ofCommand.get(key);
    if (value == null) {
      value = compute.apply(key);
      ofCommand.put(key, value);
    }
    return value;
  }
}
