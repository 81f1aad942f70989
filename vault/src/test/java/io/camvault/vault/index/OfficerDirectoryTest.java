package io.camvault.vault.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.camvault.vault.model.Officer;
import io.camvault.vault.model.SegmentDraft;
import io.camvault.vault.model.Trigger;
import io.camvault.vault.retention.RetentionPolicy;
import io.camvault.vault.testsupport.VaultFixture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A name finds exactly the badges committed under it: not those of a longer name starting with it. */
class OfficerDirectoryTest {

    private static void ingest(VaultFixture f, String badge, String name, String unitName) {
        Instant end = f.clock.instant().minusSeconds(60);
        f.ingest(new SegmentDraft(null, badge + ".mp4", "REC1", badge, "U0001", end.minusSeconds(60), end, 0, "dock-1",
                Trigger.SCHEDULED, "dock", name, unitName), (badge + name + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void namesResolveToTheirBadgesOnly() {
        try (VaultFixture f = VaultFixture.memory(RetentionPolicy.defaults())) {
            ingest(f, "100001", "张伟", "玄武分局");
            ingest(f, "100001", "张伟", "玄武分局");
            ingest(f, "100002", "张伟", "鼓楼分局");
            ingest(f, "100003", "张伟伟", null);
            ingest(f, "100004", null, null);

            assertThat(f.vault.officers().byName("张伟")).containsExactlyInAnyOrder(
                    new Officer("100001", "张伟", "U0001", "玄武分局"), new Officer("100002", "张伟", "U0001", "鼓楼分局"));
            assertThat(f.vault.officers().byName("张伟伟")).extracting(Officer::badge).containsExactly("100003");
            assertThat(f.vault.officers().byName("张")).isEmpty();
            assertThat(f.vault.officers().byName("")).isEmpty();
        }
    }
}
