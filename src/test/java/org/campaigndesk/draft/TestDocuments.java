package org.campaigndesk.draft;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSInteger;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFTable;

/** Plan documents built in code: Word with paragraphs and tables (POI), PDF with a Chinese text layer (PDFBox). */
final class TestDocuments {

  private TestDocuments() {}

  /** A table block for {@link #docx}: rows of cells. */
  record Table(List<List<String>> rows) {}

  /** A .docx whose body holds the given blocks in order: a String is a paragraph, a Table a table. */
  static byte[] docx(List<Object> blocks) throws IOException {
    try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      for (Object block : blocks) {
        if (block instanceof Table table) {
          XWPFTable t = document.createTable(table.rows().size(), table.rows().get(0).size());
          for (int r = 0; r < table.rows().size(); r++) {
            for (int c = 0; c < table.rows().get(r).size(); c++) {
              t.getRow(r).getCell(c).setText(table.rows().get(r).get(c));
            }
          }
        } else {
          document.createParagraph().createRun().setText((String) block);
        }
      }
      document.write(out);
      return out.toByteArray();
    }
  }

  /**
   * A .pdf with the given text, wrapped at {@code width} characters per line as a PDF's visual lines
   * are. The font is a composite (Type0, Identity-H) font with a ToUnicode map and no embedded
   * program: enough for a text layer, which is what plan PDFs are read by.
   */
  static byte[] pdf(List<String> paragraphs, int width) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String paragraph : paragraphs) {
      for (int i = 0; i < paragraph.length(); i += width) {
        lines.add(paragraph.substring(i, Math.min(paragraph.length(), i + width)));
      }
    }
    Map<Integer, Integer> cids = new LinkedHashMap<>();
    lines.forEach(l -> l.codePoints().forEach(cp -> cids.putIfAbsent(cp, cids.size() + 1)));
    try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
      COSDictionary font = type0Font(document, cids);
      int perPage = 50;
      for (int start = 0; start < lines.size(); start += perPage) {
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        PDResources resources = new PDResources();
        COSDictionary fonts = new COSDictionary();
        fonts.setItem(COSName.getPDFName("F1"), font);
        resources.getCOSObject().setItem(COSName.FONT, fonts);
        page.setResources(resources);
        StringBuilder content = new StringBuilder();
        float y = 800;
        for (String line : lines.subList(start, Math.min(lines.size(), start + perPage))) {
          StringBuilder hex = new StringBuilder();
          line.codePoints().forEach(cp -> hex.append(String.format("%04X", cids.get(cp))));
          content.append("BT /F1 10 Tf 40 ").append(y).append(" Td <").append(hex).append("> Tj ET\n");
          y -= 15;
        }
        PDStream stream = new PDStream(document);
        try (OutputStream os = stream.createOutputStream()) {
          os.write(content.toString().getBytes(StandardCharsets.US_ASCII));
        }
        page.setContents(stream);
      }
      document.save(out);
      return out.toByteArray();
    }
  }

  private static COSDictionary type0Font(PDDocument document, Map<Integer, Integer> cids) throws IOException {
    COSDictionary systemInfo = new COSDictionary();
    systemInfo.setItem(COSName.REGISTRY, new COSString("Adobe"));
    systemInfo.setItem(COSName.ORDERING, new COSString("Identity"));
    systemInfo.setInt(COSName.SUPPLEMENT, 0);
    COSDictionary descriptor = new COSDictionary();
    descriptor.setItem(COSName.TYPE, COSName.FONT_DESC);
    descriptor.setName(COSName.FONT_NAME, "DraftTestFont");
    descriptor.setInt(COSName.FLAGS, 4);
    COSArray bbox = new COSArray();
    for (int v : new int[] {0, -200, 1000, 900}) {
      bbox.add(COSInteger.get(v));
    }
    descriptor.setItem(COSName.FONT_BBOX, bbox);
    descriptor.setInt(COSName.ITALIC_ANGLE, 0);
    descriptor.setInt(COSName.ASCENT, 880);
    descriptor.setInt(COSName.DESCENT, -120);
    descriptor.setInt(COSName.CAP_HEIGHT, 700);
    descriptor.setInt(COSName.STEM_V, 80);
    COSDictionary cidFont = new COSDictionary();
    cidFont.setItem(COSName.TYPE, COSName.FONT);
    cidFont.setItem(COSName.SUBTYPE, COSName.CID_FONT_TYPE2);
    cidFont.setName(COSName.BASE_FONT, "DraftTestFont");
    cidFont.setItem(COSName.CIDSYSTEMINFO, systemInfo);
    cidFont.setItem(COSName.FONT_DESC, descriptor);
    cidFont.setInt(COSName.DW, 1000);
    cidFont.setItem(COSName.CID_TO_GID_MAP, COSName.IDENTITY);
    COSArray descendants = new COSArray();
    descendants.add(cidFont);
    COSDictionary font = new COSDictionary();
    font.setItem(COSName.TYPE, COSName.FONT);
    font.setItem(COSName.SUBTYPE, COSName.TYPE0);
    font.setName(COSName.BASE_FONT, "DraftTestFont");
    font.setItem(COSName.ENCODING, COSName.IDENTITY_H);
    font.setItem(COSName.DESCENDANT_FONTS, descendants);
    COSStream toUnicode = document.getDocument().createCOSStream();
    try (OutputStream os = toUnicode.createOutputStream()) {
      os.write(toUnicodeCMap(cids).getBytes(StandardCharsets.US_ASCII));
    }
    font.setItem(COSName.TO_UNICODE, toUnicode);
    return font;
  }

  private static String toUnicodeCMap(Map<Integer, Integer> cids) {
    StringBuilder cmap = new StringBuilder("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        + "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        + "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    List<Map.Entry<Integer, Integer>> entries = new ArrayList<>(cids.entrySet());
    for (int i = 0; i < entries.size(); i += 100) {
      List<Map.Entry<Integer, Integer>> chunk = entries.subList(i, Math.min(entries.size(), i + 100));
      cmap.append(chunk.size()).append(" beginbfchar\n");
      for (Map.Entry<Integer, Integer> e : chunk) {
        StringBuilder utf16 = new StringBuilder();
        for (char c : Character.toChars(e.getKey())) {
          utf16.append(String.format("%04X", (int) c));
        }
        cmap.append(String.format("<%04X> <%s>\n", e.getValue(), utf16));
      }
      cmap.append("endbfchar\n");
    }
    return cmap.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").toString();
  }
}
