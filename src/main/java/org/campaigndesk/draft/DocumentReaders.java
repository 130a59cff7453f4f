package org.campaigndesk.draft;

import java.io.IOException;
import java.util.Locale;

/** Picks the reader for an uploaded plan document by its name and first bytes: .docx, .pdf or .txt. */
public final class DocumentReaders {

  private DocumentReaders() {}

  public static SourceDocument read(String fileName, byte[] bytes) {
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    try {
      if (startsWith(bytes, "%PDF") || name.endsWith(".pdf")) {
        return PdfReader.read(bytes);
      }
      if (startsWith(bytes, "PK") || name.endsWith(".docx")) {
        return WordReader.read(bytes);
      }
      if (name.endsWith(".doc") || startsWith(bytes, "\u00D0\u00CF\u0011\u00E0")) {
        throw new UnreadableDocumentException("不支持旧版 Word（.doc）文件，请另存为 .docx 后上传");
      }
      return PlainTextReader.read(bytes);
    } catch (IOException | RuntimeException e) {
      if (e instanceof UnreadableDocumentException u) {
        throw u;
      }
      throw new UnreadableDocumentException("无法读取文件“" + fileName + "”：" + e.getMessage(), e);
    }
  }

  private static boolean startsWith(byte[] bytes, String magic) {
    if (bytes.length < magic.length()) {
      return false;
    }
    for (int i = 0; i < magic.length(); i++) {
      if ((bytes[i] & 0xff) != magic.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
