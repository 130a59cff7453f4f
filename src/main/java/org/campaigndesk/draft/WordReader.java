package org.campaigndesk.draft;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/**
 * Reads a .docx plan document with Apache POI: paragraphs and tables in body order; every table row
 * becomes one line with its cells separated by tabs. Line numbers count body paragraphs and table rows.
 */
final class WordReader {

  private WordReader() {}

  static SourceDocument read(byte[] bytes) throws IOException {
    List<SourceLine> lines = new ArrayList<>();
    try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(bytes))) {
      for (IBodyElement element : document.getBodyElements()) {
        if (element instanceof XWPFParagraph paragraph) {
          for (String line : paragraph.getText().split("\\R")) {
            lines.add(new SourceLine(lines.size() + 1, line, false));
          }
        } else if (element instanceof XWPFTable table) {
          for (XWPFTableRow row : table.getRows()) {
            List<String> cells = new ArrayList<>();
            for (XWPFTableCell cell : row.getTableCells()) {
              cells.add(cell.getText().replaceAll("[\\t\\r\\n]+", " ").trim());
            }
            lines.add(new SourceLine(lines.size() + 1, String.join("\t", cells), true));
          }
          lines.add(new SourceLine(lines.size() + 1, "", false));
        }
      }
    }
    return new SourceDocument(List.copyOf(lines));
  }
}
