package org.campaigndesk.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.campaigndesk.AbstractAppTest;
import org.campaigndesk.security.ApiRequestBoundary;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Must-show 3: a body sent without Content-Length (chunked), a plan file or a multipart upload,
 * answers 413 once it passes the limit, as one with its length declared does.
 */
class ChunkedBodyLimitTest extends AbstractAppTest {

  @LocalServerPort
  int port;

  final HttpClient client = HttpClient.newHttpClient();

  /** An endless-looking stream of {@code size} bytes: the client sends it chunked, with no Content-Length. */
  static InputStream bytes(long size, byte fill) {
    return new InputStream() {
      long left = size;

      @Override
      public int read() {
        return left-- > 0 ? fill : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (left <= 0) {
          return -1;
        }
        int n = (int) Math.min(len, left);
        java.util.Arrays.fill(b, off, off + n, fill);
        left -= n;
        return n;
      }
    };
  }

  HttpResponse<String> post(String path, String contentType, InputStream body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:test-admin".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body))
        .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aChunkedPlanOver2MB_answers413() throws Exception {
    InputStream yaml = new SequenceInputStream(new ByteArrayInputStream("plan:\n  title: '".getBytes(StandardCharsets.UTF_8)),
        bytes(ApiRequestBoundary.MAX_PLAN_BODY + 100_000L, (byte) 'x'));
    HttpResponse<String> answer = post("/api/plans", "application/yaml", yaml);
    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.headers().firstValue("Content-Length")).isNotEqualTo(java.util.Optional.of("0"));
  }

  @Test
  void aChunkedMultipartUploadOverTheLimit_answers413() throws Exception {
    String boundary = "----campaigndesk" + System.nanoTime();
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"plan.txt\"\r\n"
        + "Content-Type: text/plain\r\n\r\n";
    String tail = "\r\n--" + boundary + "--\r\n";
    InputStream multipart = new SequenceInputStream(java.util.Collections.enumeration(java.util.List.of(
        new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)),
        bytes(ApiRequestBoundary.MAX_DOCUMENT_BODY + 1_000_000L, (byte) 'x'),
        new ByteArrayInputStream(tail.getBytes(StandardCharsets.UTF_8)))));
    HttpResponse<String> answer;
    try {
      answer = post("/api/plans/draft", "multipart/form-data; boundary=" + boundary, multipart);
    } catch (IOException e) {
      throw new AssertionError("the server closed the connection without an answer", e);
    }
    assertThat(answer.statusCode()).isEqualTo(413);
  }
}
