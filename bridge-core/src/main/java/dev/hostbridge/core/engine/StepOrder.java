package dev.hostbridge.core.engine;

import dev.hostbridge.api.ErrorCode;
import dev.hostbridge.api.BridgeException;
import dev.hostbridge.api.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Orders steps so that each runs after what it depends on (and before what it must precede).
 * Among steps that are free to run, the one registered first goes first, so the order is stable.
 */
public final class StepOrder {

  private StepOrder() {}

  public static List<Step> sort(List<Step> steps) {
    Map<String, Integer> position = new LinkedHashMap<>();
    for (int i = 0; i < steps.size(); i++) {
      Step step = steps.get(i);
      if (position.putIfAbsent(step.id(), i) != null) {
        throw new BridgeException(ErrorCode.PLAN_DUPLICATE_STEP, "two steps have the id '" + step.id() + "'",
            "Remove one of the plugins that contribute it, or rename its step.");
      }
    }
    Map<String, Set<String>> before = new HashMap<>(); // id -> ids that must run first
    for (Step step : steps) {
      before.computeIfAbsent(step.id(), k -> new TreeSet<>());
    }
    for (Step step : steps) {
      for (String dependency : step.dependsOn()) {
        requireKnown(position, step, dependency, "depends on");
        before.get(step.id()).add(dependency);
      }
      for (String later : step.runsBefore()) {
        requireKnown(position, step, later, "must run before");
        before.get(later).add(step.id());
      }
    }
    PriorityQueue<String> ready = new PriorityQueue<>((a, b) -> Integer.compare(position.get(a), position.get(b)));
    Map<String, Integer> waitingOn = new HashMap<>();
    for (Map.Entry<String, Set<String>> entry : before.entrySet()) {
      waitingOn.put(entry.getKey(), entry.getValue().size());
      if (entry.getValue().isEmpty()) {
        ready.add(entry.getKey());
      }
    }
    List<Step> ordered = new ArrayList<>(steps.size());
    while (!ready.isEmpty()) {
      String id = ready.poll();
      ordered.add(steps.get(position.get(id)));
      for (Map.Entry<String, Set<String>> entry : before.entrySet()) {
        if (entry.getValue().contains(id) && waitingOn.merge(entry.getKey(), -1, Integer::sum) == 0) {
          ready.add(entry.getKey());
        }
      }
    }
    if (ordered.size() < steps.size()) {
      Set<String> cyclic = new TreeSet<>();
      waitingOn.forEach((id, count) -> {
        if (count > 0) {
          cyclic.add(id);
        }
      });
      throw new BridgeException(ErrorCode.PLAN_CYCLE, "the steps " + cyclic + " depend on each other in a cycle",
          "Fix the dependsOn/runsBefore declarations of the plugin that contributes them.");
    }
    return ordered;
  }

  private static void requireKnown(Map<String, Integer> position, Step step, String other, String relation) {
    if (!position.containsKey(other)) {
      throw new BridgeException(ErrorCode.PLAN_MISSING_DEPENDENCY, "step '" + step.id() + "' " + relation + " '" + other + "', which no built-in step or plugin provides",
          "Add the plugin that provides '" + other + "' to the class path, or remove the one that provides '" + step.id() + "'.");
    }
  }
}
