package org.campaigndesk.draft;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * The document as a tree of numbered paragraphs (一、 › （一） › 1. › （1） › ①): each node holds
 * its heading, the unnumbered paragraphs after it and the assignment lines that follow it.
 */
final class Outline {

  static final class Node {
    final Paragraph heading;
    final Marker marker;
    final Node parent;
    final List<Node> children = new ArrayList<>();
    final List<Paragraph> body = new ArrayList<>();
    final List<Paragraph> assignments = new ArrayList<>();

    Node(Paragraph heading, Marker marker, Node parent) {
      this.heading = heading;
      this.marker = marker;
      this.parent = parent;
    }

    int rank() {
      return marker == null ? 0 : marker.kind().rank;
    }

    /** The heading's text after its number. */
    String text() {
      return heading == null ? "" : marker.rest(heading.text());
    }

    int line() {
      return heading == null ? 0 : heading.line();
    }

    boolean hasAssignments() {
      return !assignments.isEmpty();
    }

    boolean containsAssignments() {
      return hasAssignments() || children.stream().anyMatch(Node::containsAssignments);
    }

    void forEachDescendant(Consumer<Node> action) {
      for (Node child : children) {
        action.accept(child);
        child.forEachDescendant(action);
      }
    }

    /** This node's own text lines after its heading, then every descendant's heading and body, as written. */
    List<String> descendantLines(boolean withAssignments) {
      List<String> lines = new ArrayList<>();
      for (Node child : children) {
        lines.add(child.heading.text());
        child.body.forEach(p -> lines.add(p.text()));
        if (withAssignments) {
          child.assignments.forEach(p -> lines.add(p.text()));
        }
        lines.addAll(child.descendantLines(withAssignments));
      }
      return lines;
    }
  }

  final Node root = new Node(null, null, null);

  static Outline of(List<Paragraph> paragraphs) {
    Outline outline = new Outline();
    Deque<Node> open = new ArrayDeque<>();
    open.push(outline.root);
    for (Paragraph p : paragraphs) {
      if (p.tableRow()) {
        continue;
      }
      if (Assignments.isLabelLine(p.text())) {
        open.peek().assignments.add(p);
        continue;
      }
      Marker marker = p.marker();
      if (marker == null) {
        open.peek().body.add(p);
        continue;
      }
      while (open.peek().rank() >= marker.kind().rank) {
        open.pop();
      }
      Node node = new Node(p, marker, open.peek());
      open.peek().children.add(node);
      open.push(node);
    }
    outline.liftClosingAssignments(outline.root);
    return outline;
  }

  /**
   * An assignment after the last sub-item of an item, when no other sub-item has one, closes the
   * item rather than the sub-item: "3. …（1）…（4）…（牵头单位：…）" assigns item 3.
   */
  private void liftClosingAssignments(Node node) {
    for (Node child : node.children) {
      liftClosingAssignments(child);
    }
    if (node.children.size() >= 2 && !node.hasAssignments()) {
      Node last = node.children.get(node.children.size() - 1);
      boolean othersAssigned = node.children.stream().filter(c -> c != last).anyMatch(Node::containsAssignments);
      if (last.hasAssignments() && !othersAssigned && last.children.stream().noneMatch(Node::containsAssignments)) {
        node.assignments.addAll(last.assignments);
        last.assignments.clear();
      }
    }
  }
}
