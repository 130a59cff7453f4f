package org.campaigndesk.kernel;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What evidence files (佐证材料) a form takes, written once for the forms' own checks, the REST
 * guard's size limit and the server's check on submit: images, PDF, Word and Excel, at most
 * {@link #MAX_FILES} per submission of at most {@link #MAX_FILE_BYTES} each. A form submits them as
 * File variables {@code <field>1…<field>N}.
 */
public final class EvidenceFiles {

  public static final int MAX_FILES = 5;
  public static final int MAX_FILE_BYTES = 5 * 1024 * 1024;
  public static final String FIELD = "evidence";
  public static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "bmp", "webp", "pdf", "doc", "docx",
      "xls", "xlsx");
  public static final String KINDS = "图片（jpg、png 等）、PDF、Word 或 Excel 文件";

  private EvidenceFiles() {}

  /** The variable names of a file field: evidence1 … evidence5. */
  public static String variable(String field, int index) {
    return field + index;
  }

  /** Why this file may not be attached (Chinese), or empty when it may. */
  public static Optional<String> problem(String filename, long bytes) {
    String name = filename == null ? "" : filename.strip();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (name.isEmpty()) {
      return Optional.of("没有文件名");
    }
    if (!EXTENSIONS.contains(extension)) {
      return Optional.of("“" + name + "”不是可接受的文件类型，只能上传" + KINDS);
    }
    if (bytes > MAX_FILE_BYTES) {
      return Optional.of("“" + name + "”有 " + String.format(Locale.ROOT, "%.1f", bytes / 1024.0 / 1024.0)
          + " MB，超过每个文件 " + MAX_FILE_BYTES / 1024 / 1024 + " MB 的上限");
    }
    if (bytes == 0) {
      return Optional.of("“" + name + "”是空文件");
    }
    return Optional.empty();
  }
}
