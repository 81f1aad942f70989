package io.camvault.gateway.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.model.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review page in headless Chromium (Debian's {@code chromium}, driven by playwright-core from
 * {@code src/test/js/review-browser.mjs}): a dock uploads a real H.264 sample with tus-js-client,
 * a supervisor signs in, searches, opens the segment and plays it past one second; the viewing is
 * then found in the segment's custody trail through the API, and here in the audit chain itself.
 * Then a phone in Chinese (zh-CN, 390 px wide) signs in and finds the reviewer's name in the header,
 * searches by the officer's name, sees every day of a three-day result, filters to marked-important
 * footage without the other recordings becoming gaps, and opens a photo drawn as an image, with no
 * horizontal overflow; the screenshots stay in {@code target/review-screenshots/}.
 * The gateway runs in this JVM on loopback, over HTTPS with a certificate from a test CA (node trusts
 * the CA through {@code NODE_EXTRA_CA_CERTS}, Chromium the server's key through
 * {@code --ignore-certificate-errors-spki-list}), and is stopped at the end. Without chromium the test is
 * skipped, except under CI, where it fails.
 */
class ReviewBrowserIT {
    @TempDir
    Path dir;

    @Test
    void supervisorPlaysASegmentAndTheViewIsAudited() throws Exception {
        Path chromium = Path.of(System.getProperty("chromium.bin", "/usr/bin/chromium"));
        boolean ci = "true".equals(System.getenv("CI"));
        if (!ci) {
            assumeTrue(Files.isExecutable(chromium), "chromium not installed at " + chromium);
        }
        Path js = Path.of(System.getProperty("camvault.js.dir", "src/test/js"));
        io.camvault.gateway.tls.TestCertificates tls = io.camvault.gateway.tls.TestCertificates.create(dir);
        try (ReviewFixture f = new ReviewFixture(dir, new io.camvault.gateway.tls.TlsConfig(tls.cert(), tls.key(), null))) {
            String supervisor = f.token(Role.SUPERVISOR);
            ProcessBuilder pb = new ProcessBuilder(System.getProperty("node.bin", "node"), "review-browser.mjs")
                    .directory(js.toFile())
                    .redirectError(dir.resolve("browser.log").toFile());
            pb.environment().put("CAMVAULT_BASE", f.base());
            pb.environment().put("NODE_EXTRA_CA_CERTS", tls.ca().toString()); // tus-js-client and fetch in node
            pb.environment().put("CAMVAULT_SPKI", tls.spkiSha256()); // chromium trusts this one key
            pb.environment().put("CAMVAULT_DOCK_TOKEN", f.token(Role.DOCK));
            pb.environment().put("CAMVAULT_REVIEW_TOKEN", supervisor);
            pb.environment().put("CAMVAULT_SAMPLE", ReviewFixture.MEDIA.resolve(ReviewFixture.H264).toString());
            pb.environment().put("CAMVAULT_OFFICER", "200777");
            pb.environment().put("CAMVAULT_OFFICER_NAME", "张伟");
            pb.environment().put("CAMVAULT_REVIEW_NAME",
                    f.vault.principals().authenticate(supervisor).orElseThrow().name());
            pb.environment().put("CAMVAULT_SAMPLE_2", ReviewFixture.MEDIA.resolve(ReviewFixture.HEVC).toString());
            pb.environment().put("CAMVAULT_PHOTO", ReviewFixture.MEDIA.resolve("A123456_100234_20261120110000.jpg").toString());
            Path shots = Path.of(System.getProperty("camvault.screenshots", "target/review-screenshots"));
            pb.environment().put("CAMVAULT_SCREENSHOTS", shots.toAbsolutePath().toString());
            pb.environment().put("CHROMIUM", chromium.toString());
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            boolean done = p.waitFor(180, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly();
            }
            String log = Files.readString(dir.resolve("browser.log"));
            List<String> lines = new String(out, StandardCharsets.UTF_8).lines().toList();
            assertThat(lines).as("browser driver output; its log:\n" + log).isNotEmpty();
            JsonNode result = new ObjectMapper().readTree(lines.get(lines.size() - 1));
            System.out.println("review-browser: " + result);
            assertThat(result.path("ok").asBoolean()).as(result + "\n" + log).isTrue();
            assertThat(result.path("currentTime").asDouble()).isGreaterThan(1.0);
            assertThat(result.path("external")).isEmpty();
            assertThat(result.path("markedBars").asInt()).isEqualTo(1);
            JsonNode phone = result.path("phone");
            assertThat(phone.path("who").asText()).contains(f.vault.principals().authenticate(supervisor).orElseThrow().name())
                    .contains("监督人员");
            assertThat(phone.path("searchButton").asText()).isEqualTo("搜索");
            assertThat(phone.path("days")).as("a day without footage between two with footage is drawn too").hasSize(3);
            assertThat(phone.path("days").get(1).path("bars").asInt()).isZero();
            assertThat(phone.path("filteredResults").asInt()).isEqualTo(1);
            assertThat(phone.path("otherBars").asInt()).as("filtered-out footage stays a bar").isEqualTo(2);
            assertThat(phone.path("gapsOverRecordings").asInt()).isZero();
            assertThat(phone.path("photo").path("width").asInt()).isEqualTo(1280);
            assertThat(phone.path("overflowSignedIn").asBoolean()).isFalse();
            assertThat(phone.path("overflowTimeline").asBoolean()).isFalse();
            assertThat(phone.path("overflowPhoto").asBoolean()).isFalse();
            assertThat(shots.resolve("zh-CN-390-timeline.png")).isRegularFile();
            assertThat(shots.resolve("zh-CN-390-photo.png")).isRegularFile();

            String segment = result.path("segmentId").asText();
            String principal = f.vault.principals().authenticate(supervisor).orElseThrow().id();
            List<AuditEvent> trail = f.vault.audit().bySubject("segment:" + segment, 1000);
            assertThat(trail).anySatisfy(e -> {
                assertThat(e.action()).isEqualTo("segment.stream");
                assertThat(e.actor()).isEqualTo(principal);
                assertThat(e.details()).containsKey("ranges");
            });
            assertThat(trail).anySatisfy(e -> assertThat(e.details()).containsKey("time"));
            // played to just past 1 s, then sought to 3 s: no watched range may cover the skipped seconds
            List<String> watched = trail.stream().map(e -> e.details().get("time")).filter(java.util.Objects::nonNull)
                    .toList();
            assertThat(watched).as("viewing audit after a seek records only what was played").noneSatisfy(range -> {
                String[] ab = range.split("-");
                assertThat(Double.parseDouble(ab[0]) < 1.9 && Double.parseDouble(ab[1]) > 2.9).isTrue();
            });
            assertThat(f.vault.audit().verify().intact()).isTrue();
        }
    }
}
