package org.campaigndesk.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every embedded form of the form kit ({@code forms/*.html}) shares, added when the forms are
 * deployed (and when the REST guard reads their fields, {@code security.FormFields}), so that each
 * file holds only its own fields:
 * <ul>
 *   <li>the script Tasklist runs ({@code <script cam-script>}: Tasklist runs no other script of a
 *       form) that loads {@code /form-kit/cd-forms.js} once and hands it the form, the "loading"
 *       line and the place for the form's summary of faults;</li>
 *   <li>the shared header ({@code <div cd-type="header" cd-extra="a,b"></div>}, 重点工作信息): the
 *       key task's facts listed here once ({@link #HEADER}, read from its record {@link #RECORD},
 *       and {@code overdue} for the warning), then the form's own extras;</li>
 *   <li>the names the form shows ({@code cd-shown}, what its user may read): its own list, plus
 *       every name its read-only parts ({@code cd-names}, the header's included) show.</li>
 * </ul>
 * A form that already carries one of these parts keeps its own.
 */
public final class EmbeddedForms {

  /**
   * The key task's facts in the header of every key task form, in this order; the kit shows those with
   * a value. They are facts of the key task's record ({@link #RECORD}), which the kit reads and names
   * so; {@code deadlineText} is the text the record's owner made of its deadline (task.KeyTaskRecord).
   */
  public static final List<String> HEADER = List.of("taskLabel", "taskDescription", "targetsText", "responsiblePersonText",
      "deadlineText", "leadLeaderNames", "leadUnitName", "coLeadUnitNames", "responsibleUnitNames");
  /** The key task's record (one JSON variable), read by a form with the header. */
  public static final String RECORD = "keyTask";
  /** Read by the header for its warning that the key task is overdue. */
  static final String OVERDUE = "overdue";

  static final String LOADING = "<div class=\"cd-loading\">正在读取表单…</div>";
  static final String SUMMARY = "<div class=\"alert alert-danger cd-summary\" hidden></div>";
  static final String LOADER = """
        <script cam-script type="text/form-script">
          // Added when deployed (config.EmbeddedForms): the form kit renders and checks the fields the form declares.
          var kit = window.CdFormKit || (window.CdFormKit = new Promise(function (resolve, reject) {
            var script = document.createElement('script');
            script.src = '/form-kit/cd-forms.js';
            script.charset = 'utf-8';
            script.onload = function () { resolve(window.CdForms); };
            script.onerror = reject;
            document.head.appendChild(script);
          }));
          var cdForm = null;
          kit.then(function (forms) { cdForm = forms.start(camForm); });
          camForm.on('submit', function () {
            if (!cdForm || !cdForm.submit()) {
              camForm.submitPrevented = true;
            }
          });
        </script>
      """;

  private static final Pattern FORM_TAG = Pattern.compile("<form\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern HEADER_TAG = Pattern.compile("<div\\s+cd-type=\"header\"[^>]*>");
  private static final Pattern SHOWN = Pattern.compile("\\bcd-shown\\s*=\\s*\"([^\"]*)\"");
  private static final Pattern CONTEXT_NAMES = Pattern.compile("\\bcd-names\\s*=\\s*\"([^\"]*)\"");
  private static final Pattern EXTRA = Pattern.compile("\\bcd-extra\\s*=\\s*\"([^\"]*)\"");
  private static final String FORM_END = "</form>";

  private EmbeddedForms() {}

  /** The form as Tasklist gets it; text that is not a form kit form ({@code cd-form} on its {@code <form>}) is left as it is. */
  public static String complete(String html) {
    Matcher form = FORM_TAG.matcher(html);
    if (!form.find() || !form.group().contains("cd-form=") || html.lastIndexOf(FORM_END) < form.end()) {
      return html;
    }
    Matcher header = HEADER_TAG.matcher(html);
    boolean hasHeader = header.find();
    if (hasHeader && !header.group().contains("cd-names=")) {
      List<String> names = new ArrayList<>(HEADER);
      names.addAll(list(EXTRA, header.group()));
      html = html.substring(0, header.end() - 1) + " cd-names=\"" + String.join(",", names) + "\">" + html.substring(header.end());
    }
    Set<String> shown = new LinkedHashSet<>();
    // What the form's read-only parts show is what it reads: listed there, not again in cd-shown.
    for (Matcher context = CONTEXT_NAMES.matcher(html); context.find(); ) {
      shown.addAll(list(CONTEXT_NAMES, context.group()));
    }
    form = FORM_TAG.matcher(html);
    form.find();
    String tag = form.group();
    shown.addAll(list(SHOWN, tag));
    if (hasHeader) {
      shown.add(RECORD);
      shown.add(OVERDUE);
    }
    String shownAttribute = "cd-shown=\"" + String.join(",", shown) + "\"";
    String newTag = SHOWN.matcher(tag).find() ? SHOWN.matcher(tag).replaceFirst(Matcher.quoteReplacement(shownAttribute))
        : tag.substring(0, tag.length() - 1) + " " + shownAttribute + ">";
    StringBuilder out = new StringBuilder(html.substring(0, form.start())).append(newTag);
    if (!html.contains("cd-loading")) {
      out.append("\n  ").append(LOADING);
    }
    int end = html.lastIndexOf(FORM_END);
    out.append(html, form.end(), end);
    if (!html.contains("cd-summary")) {
      out.append("  ").append(SUMMARY).append('\n');
    }
    if (!html.contains("cam-script")) {
      out.append(LOADER);
    }
    return out.append(html.substring(end)).toString();
  }

  private static List<String> list(Pattern attribute, String tag) {
    Matcher m = attribute.matcher(tag);
    List<String> names = new ArrayList<>();
    if (m.find()) {
      for (String name : m.group(1).split(",")) {
        if (!name.isBlank()) {
          names.add(name.trim());
        }
      }
    }
    return names;
  }
}
