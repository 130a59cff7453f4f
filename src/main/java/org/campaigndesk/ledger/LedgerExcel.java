package org.campaigndesk.ledger;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.campaigndesk.plan.ChineseDates;

/**
 * The ledger as an Excel workbook in the layout county offices keep: a title row with the plan and
 * the date, a frozen header, one row per key task with its colour as the cell fill, and column
 * widths that fit Chinese text; a second sheet lists the monthly reports not submitted.
 * Written with Apache POI's streaming workbook, so thousands of rows stay cheap.
 */
public final class LedgerExcel {

  public static final String SHEET_LEDGER = "台账";
  public static final String SHEET_MISSING = "本月缺报";

  record Column(String header, Function<LedgerRow, String> value, int maxWidth) {}

  static final List<Column> COLUMNS = List.of(
      new Column("县（区）", r -> r.county() == null ? "" : r.county(), 12),
      new Column("编号", r -> String.valueOf(r.taskNo()), 6),
      new Column("重点工作", LedgerRow::title, 40),
      new Column("牵头责任领导", LedgerRow::leadLeaders, 16),
      new Column("牵头责任单位", r -> r.coLeadUnits().isEmpty() ? r.leadUnit() : r.leadUnit() + "、" + r.coLeadUnits(), 24),
      new Column("责任单位", LedgerRow::responsibleUnits, 36),
      new Column("阶段行动", LedgerRow::campaign, 10),
      new Column("完成时限", LedgerRow::deadlineText, 26),
      new Column("当前环节", r -> r.closed() ? "已销号（" + r.closedOutDate() + "）" : r.currentStep(), 40),
      new Column("最近月度报告", r -> r.lastReport() == null ? "无" : r.lastReportMonth() + "（" + r.lastReportDate() + "报送）：" + r.lastReport(), 50),
      new Column("未销号问题", r -> r.openProblems().isEmpty() ? "无" : String.join("；", r.openProblems()), 40),
      new Column("延期情况", LedgerRow::extensions, 30),
      new Column("状态", r -> r.colour().label() + "·" + r.colour().meaning(), 12));

  private LedgerExcel() {}

  public static void write(Ledger ledger, ZoneId zone, OutputStream out) throws IOException {
    LocalDate today = LocalDate.ofInstant(ledger.asOf(), zone);
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
      Styles styles = new Styles(workbook);
      List<String> plans = ledger.rows().stream().map(LedgerRow::planTitle).distinct().toList();
      String title = (plans.size() == 1 ? plans.get(0) : "扶贫开发工作计划") + "重点工作台账（截至" + ChineseDates.format(today) + "）";

      Sheet sheet = workbook.createSheet(SHEET_LEDGER);
      List<List<String>> values = new ArrayList<>();
      for (LedgerRow row : ledger.rows()) {
        values.add(COLUMNS.stream().map(c -> c.value().apply(row)).map(v -> v == null ? "" : v).toList());
      }
      titleRow(sheet, title, COLUMNS.size(), styles);
      header(sheet, COLUMNS.stream().map(Column::header).toList(), styles);
      int r = 2;
      for (int i = 0; i < ledger.rows().size(); i++) {
        Row row = sheet.createRow(r++);
        List<String> cells = values.get(i);
        for (int c = 0; c < cells.size(); c++) {
          row.createCell(c).setCellValue(cells.get(c));
          row.getCell(c).setCellStyle(c == cells.size() - 1 || c == 1 ? styles.fill.get(ledger.rows().get(i).colour()) : styles.text);
        }
      }
      widths(sheet, COLUMNS.stream().map(Column::header).toList(), values, COLUMNS.stream().map(Column::maxWidth).toList());

      Sheet missing = workbook.createSheet(SHEET_MISSING);
      List<String> headers = List.of("编号", "重点工作", "牵头责任单位", "报告月份", "报送期限", "情况");
      List<List<String>> rows = new ArrayList<>();
      for (LedgerRow row : ledger.rows()) {
        for (LedgerRow.MissingReport m : row.missingReports()) {
          rows.add(List.of(String.valueOf(row.taskNo()), row.title(), row.leadUnit(),
              m.month().isEmpty() ? "" : ChineseDates.format(java.time.YearMonth.parse(m.month())), m.dueDate(),
              m.overdue() ? "逾期未报送" : "尚未报送（未到期）"));
        }
      }
      titleRow(missing, "月度进展报告未报送情况（截至" + ChineseDates.format(today) + "）", headers.size(), styles);
      header(missing, headers, styles);
      int m = 2;
      for (List<String> cells : rows) {
        Row row = missing.createRow(m++);
        for (int c = 0; c < cells.size(); c++) {
          row.createCell(c).setCellValue(cells.get(c));
          row.getCell(c).setCellStyle(c == 5 && cells.get(5).startsWith("逾期") ? styles.fill.get(LedgerColour.RED) : styles.text);
        }
      }
      widths(missing, headers, rows, List.of(6, 40, 24, 12, 12, 20));
      workbook.write(out);
      workbook.dispose();
    }
  }

  private static void titleRow(Sheet sheet, String title, int columns, Styles styles) {
    Row row = sheet.createRow(0);
    row.setHeightInPoints(28);
    row.createCell(0).setCellValue(title);
    row.getCell(0).setCellStyle(styles.title);
    sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns - 1));
  }

  private static void header(Sheet sheet, List<String> headers, Styles styles) {
    Row row = sheet.createRow(1);
    for (int c = 0; c < headers.size(); c++) {
      row.createCell(c).setCellValue(headers.get(c));
      row.getCell(c).setCellStyle(styles.header);
    }
    sheet.createFreezePane(0, 2);
  }

  /** Width in Excel's units (1/256 of a character): CJK characters count double; capped, then text wraps. */
  private static void widths(Sheet sheet, List<String> headers, List<List<String>> rows, List<Integer> max) {
    for (int c = 0; c < headers.size(); c++) {
      int width = displayWidth(headers.get(c));
      for (List<String> row : rows) {
        width = Math.max(width, displayWidth(row.get(c)));
      }
      sheet.setColumnWidth(c, Math.min(width, max.get(c) * 2) * 256 + 512);
    }
  }

  static int displayWidth(String text) {
    int w = 0;
    for (int i = 0; i < text.length(); i++) {
      w += text.charAt(i) > 0x2E80 ? 2 : 1;
    }
    return w;
  }

  private static final class Styles {
    final CellStyle title;
    final CellStyle header;
    final CellStyle text;
    final Map<LedgerColour, CellStyle> fill = new EnumMap<>(LedgerColour.class);

    Styles(SXSSFWorkbook workbook) {
      Font bold = workbook.createFont();
      bold.setBold(true);
      Font big = workbook.createFont();
      big.setBold(true);
      big.setFontHeightInPoints((short) 16);
      title = workbook.createCellStyle();
      title.setFont(big);
      title.setAlignment(HorizontalAlignment.CENTER);
      title.setVerticalAlignment(VerticalAlignment.CENTER);
      header = bordered(workbook);
      header.setFont(bold);
      header.setAlignment(HorizontalAlignment.CENTER);
      ((XSSFCellStyle) header).setFillForegroundColor(color("DDEBF7"));
      header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
      text = bordered(workbook);
      text.setWrapText(true);
      for (LedgerColour colour : LedgerColour.values()) {
        CellStyle style = bordered(workbook);
        style.setWrapText(true);
        ((XSSFCellStyle) style).setFillForegroundColor(color(colour.fill()));
        style.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        fill.put(colour, style);
      }
    }

    private static CellStyle bordered(SXSSFWorkbook workbook) {
      CellStyle s = workbook.createCellStyle();
      s.setBorderTop(BorderStyle.THIN);
      s.setBorderBottom(BorderStyle.THIN);
      s.setBorderLeft(BorderStyle.THIN);
      s.setBorderRight(BorderStyle.THIN);
      s.setVerticalAlignment(VerticalAlignment.TOP);
      return s;
    }

    private static XSSFColor color(String hex) {
      byte[] rgb = new byte[3];
      for (int i = 0; i < 3; i++) {
        rgb[i] = (byte) Integer.parseInt(hex.substring(i * 2, i * 2 + 2), 16);
      }
      return new XSSFColor(rgb, null);
    }
  }
}
