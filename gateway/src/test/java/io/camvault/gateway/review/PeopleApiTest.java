package io.camvault.gateway.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camvault.vault.model.Role;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.Trigger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Names and figures through the API: officer and unit names stored with each segment and shown in
 * search and detail, a search by officer name (none, one, several officers of that name), an
 * impossible window refused, the duration from the probe, and who is signed in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PeopleApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant START = Instant.parse("2026-11-20T00:30:00Z");

    Path dir;
    ReviewFixture f;
    String supervisor;
    Segment zhang;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("people-api");
        f = new ReviewFixture(dir);
        supervisor = f.token(Role.SUPERVISOR);
        zhang = f.ingest(ReviewFixture.H264, "100234", "张伟", START, Trigger.SCHEDULED).segment();
        f.ingest("C222333_100236_20261120103000.m4a", "100236", "李娜", START.plusSeconds(60), Trigger.SCHEDULED);
        f.ingest("C222333_100236_20261120104500.wav", "100299", "李娜", START.plusSeconds(120), Trigger.SCHEDULED);
        f.awaitMedia();
    }

    @AfterAll
    void stop() throws Exception {
        f.close();
        ReviewFixture.deleteTree(dir);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(f.base() + path))
                .header("Authorization", "Bearer " + supervisor).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void searchByOfficerNameFindsTheOfficersFootageWithNames() throws Exception {
        HttpResponse<String> r = get("/api/v1/segments?officerName=" + q("张伟"));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode items = JSON.readTree(r.body()).path("items");
        assertThat(items).hasSize(1);
        JsonNode s = items.get(0);
        assertThat(s.path("id").asText()).isEqualTo(zhang.id().toString());
        assertThat(s.path("officer").asText()).isEqualTo("100234");
        assertThat(s.path("officerName").asText()).isEqualTo("张伟");
        assertThat(s.path("unitName").asText()).isEqualTo("南京市公安局玄武分局");
        assertThat(s.path("late").asBoolean()).isTrue();
        assertThat(s.path("station").asText()).isEqualTo("hall-1");
        assertThat(s.path("durationMillis").asLong()).as("probed: the 4 s sample").isBetween(3_900L, 4_100L);
        assertThat(Instant.parse(s.path("recordedEnd").asText())).isEqualTo(START.plusMillis(s.path("durationMillis").asLong()));
        assertThat(s.path("declaredEnd").asText()).isEqualTo(START.plusSeconds(5).toString());
    }

    @Test
    void aNameNobodyHasFindsNothingAndASharedNameIsAmbiguous() throws Exception {
        assertThat(JSON.readTree(get("/api/v1/segments?officerName=" + q("王芳")).body()).path("items")).isEmpty();
        HttpResponse<String> shared = get("/api/v1/segments?officerName=" + q("李娜"));
        assertThat(shared.statusCode()).isEqualTo(409);
        assertThat(JSON.readTree(shared.body()).path("error").asText()).isEqualTo("ambiguous_officer");
        assertThat(shared.body()).contains("100236").contains("100299");
        JsonNode officers = JSON.readTree(get("/api/v1/officers?name=" + q("李娜")).body()).path("items");
        assertThat(officers).extracting(o -> o.path("badge").asText()).containsExactlyInAnyOrder("100236", "100299");
    }

    @Test
    void aWindowThatEndsBeforeItStartsIsRefused() throws Exception {
        HttpResponse<String> r = get("/api/v1/segments?officer=100234&from=" + q("2026-11-21T00:00:00+08:00")
                + "&to=" + q("2026-11-20T00:00:00+08:00"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("'from' must be before 'to'");
    }

    @Test
    void meNamesTheSignedInPrincipalItsRolesAndTheDisplayZone() throws Exception {
        JsonNode me = JSON.readTree(get("/api/v1/me").body());
        assertThat(me.path("name").asText()).startsWith("supervisor-");
        assertThat(me.path("roles")).extracting(JsonNode::asText).containsExactly("supervisor");
        assertThat(me.path("displayZone").asText()).isEqualTo("Asia/Shanghai");
    }
}
