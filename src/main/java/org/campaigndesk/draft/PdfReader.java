package org.campaigndesk.draft;

import java.io.IOException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

/** Reads the text layer of a .pdf plan document with PDFBox, one visual line per source line. */
final class PdfReader {

  private PdfReader() {}

  static SourceDocument read(byte[] bytes) throws IOException {
    try (PDDocument document = Loader.loadPDF(bytes)) {
      PDFTextStripper stripper = new PDFTextStripper();
      stripper.setSortByPosition(true);
      String text = stripper.getText(document);
      if (text.isBlank()) {
        throw new UnreadableDocumentException("PDF 没有文字层（可能是扫描件），请上传 Word 文档或带文字层的 PDF");
      }
      return new SourceDocument(SourceDocument.ofText(text).lines(), true);
    }
  }
}
