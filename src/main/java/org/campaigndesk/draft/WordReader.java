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
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTTcPr;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STMerge;

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
          List<String> above = List.of();
          for (XWPFTableRow row : table.getRows()) {
            List<String> cells = new ArrayList<>();
            for (XWPFTableCell cell : row.getTableCells()) {
              String text = cell.getText().replaceAll("[\\t\\r\\n]+", " ").trim();
              int column = cells.size();
              if (continuesMergeFromAbove(cell) && column < above.size()) {
                text = above.get(column);
              }
              cells.add(text);
              for (int span = gridSpan(cell); span > 1; span--) {
                cells.add("");
              }
            }
            lines.add(new SourceLine(lines.size() + 1, String.join("\t", cells), true));
            above = cells;
          }
          lines.add(new SourceLine(lines.size() + 1, "", false));
        }
      }
    }
    return new SourceDocument(List.copyOf(lines));
  }

  /** A vertically merged cell below the first: Word stores its text in the cell above. */
  private static boolean continuesMergeFromAbove(XWPFTableCell cell) {
    CTTcPr properties = cell.getCTTc().getTcPr();
    if (properties == null || properties.getVMerge() == null) {
      return false;
    }
    return properties.getVMerge().getVal() == null || properties.getVMerge().getVal() == STMerge.CONTINUE;
  }

  /** How many grid columns a horizontally merged cell spans. */
  private static int gridSpan(XWPFTableCell cell) {
    CTTcPr properties = cell.getCTTc().getTcPr();
    if (properties == null || properties.getGridSpan() == null || properties.getGridSpan().getVal() == null) {
      return 1;
    }
    return properties.getGridSpan().getVal().intValue();
  }
}
