package io.camvault.vault.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camvault.vault.Vault;
import io.camvault.vault.VaultConfig;
import io.camvault.vault.VaultException;
import io.camvault.vault.audit.AuditCheckpoints;
import io.camvault.vault.audit.AuditEvent;
import io.camvault.vault.audit.AuditVerification;
import io.camvault.vault.audit.CheckpointVerifier;
import io.camvault.vault.audit.NodeKey;
import io.camvault.vault.integrity.FixityAudit;
import io.camvault.vault.integrity.Pacer;
import io.camvault.vault.model.CaseRecord;
import io.camvault.vault.model.Segment;
import io.camvault.vault.model.Sha256;
import io.camvault.vault.testsupport.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

/**
 * A data directory written by release 0.1.0 (layout 1, unstamped; see
 * {@code src/test/resources/layout-fixtures/README.md}) opens with this build, keeps every record,
 * verifies and passes fixity; a directory stamped with a layout from the future is refused.
 */
class LayoutFixtureTest {
    private static final Sha256 JPG = Sha256.ofHex("6a13f547d942ddab8cafe9af5367e819f11916a317ce0df3986c3eb3cdb685eb");
    private static final Sha256 WAV = Sha256.ofHex("6a93b6a92e3130fc4e12aeed38b5ab7e8d5ca548816e21b206db808b3ad4be18");

    @TempDir
    Path tmp;
    Path data;
    private final MutableClock clock = MutableClock.standard();

    @BeforeEach
    void unpack() throws Exception {
        data = tmp.resolve("data");
        Files.createDirectories(data);
        Path archive = Path.of(LayoutFixtureTest.class.getResource("/layout-fixtures/layout-1-release-0.1.0.tar.gz").toURI());
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", data.toString())
                .redirectErrorStream(true).start();
        String out = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor()).as("tar: %s", out).isZero();
    }

    @Test
    void theRelease010DataDirectoryOpensWithEveryRecordIntact() throws Exception {
        try (Vault vault = Vault.open(VaultConfig.defaults(data), clock)) {
            assertThat(IndexLayout.stamped(vault.kv())).contains(Keys.LAYOUT_VERSION);

            Segment jpg = vault.segments().findByHash(JPG).orElseThrow();
            Segment wav = vault.segments().findByHash(WAV).orElseThrow();
            assertThat(jpg.originalName()).isEqualTo("A123456_100234_20261120110000.jpg");
            assertThat(wav.officerBadge()).isEqualTo("100236");
            CaseRecord theCase = vault.caseByNumber("2026-0001").orElseThrow();
            assertThat(theCase.links()).extracting(l -> l.segmentId()).containsExactly(wav.id());
            assertThat(vault.principals().list()).extracting(p -> p.name()).containsExactly("fixture-admin");

            AuditVerification chain = CheckpointVerifier.verify(vault.kv(), AuditCheckpoints.stored(vault.kv()),
                    NodeKey.readPublic(data.resolve("keys").resolve(NodeKey.PUBLIC_FILE)));
            assertThat(chain.intact()).as(chain.problem()).isTrue();
            assertThat(AuditCheckpoints.stored(vault.kv())).isNotEmpty();

            // a whole new pass: the fixture's daemon finished one when it started, a cycle (30 days) ago
            clock.set(java.time.Instant.parse("2027-01-15T00:00:00Z"));
            FixityAudit.Result fixity = new FixityAudit(vault, Duration.ofDays(30), Long.MAX_VALUE / 4,
                    Duration.ofDays(1), Pacer.SYSTEM).run(clock.instant());
            assertThat(fixity.passComplete()).isTrue();
            assertThat(fixity.checked()).isEqualTo(2);
            assertThat(fixity.alarms()).isEmpty();

            // the same layout: no migration, no backup, no audit event for one
            List<AuditEvent> events = new ArrayList<>();
            vault.audit().forEach(0, events::add);
            assertThat(events).extracting(AuditEvent::action).doesNotContain("index.layout_migrated");
        }
        assertThat(data.resolve("backups")).doesNotExist();
    }

    @Test
    void aDataDirectoryFromAFutureLayoutIsRefusedNamingBothVersions() throws Exception {
        int future = Keys.LAYOUT_VERSION + 1;
        writeFutureLayout(data.resolve("index"), future);

        assertThatThrownBy(() -> Vault.open(VaultConfig.defaults(data), clock))
                .isInstanceOf(VaultException.class)
                .hasMessageContaining("data layout version " + future)
                .hasMessageContaining("version " + Keys.LAYOUT_VERSION + " that this camvault reads");

        try (RocksKvStore kv = RocksKvStore.open(data.resolve("index"))) {
            assertThat(IndexLayout.stamped(kv)).as("the refusal writes nothing").contains(future);
        }
    }

    /** What a later release would leave: a new column family this build does not know, and its stamp. */
    private static void writeFutureLayout(Path index, int version) throws Exception {
        io.camvault.vault.natives.NativeCache.loadRocksDb();
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        try (Options o = new Options()) {
            for (byte[] name : RocksDB.listColumnFamilies(o, index.toString())) {
                descriptors.add(new ColumnFamilyDescriptor(name));
            }
        }
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions options = new DBOptions(); RocksDB db = RocksDB.open(options, index.toString(), descriptors, handles)) {
            ColumnFamilyHandle meta = null;
            for (int i = 0; i < descriptors.size(); i++) {
                if (new String(descriptors.get(i).getName(), StandardCharsets.UTF_8).equals(ColumnFamily.META.storageName())) {
                    meta = handles.get(i);
                }
            }
            db.put(meta, Keys.META_LAYOUT_VERSION, IndexLayout.encode(version));
            handles.add(db.createColumnFamily(new ColumnFamilyDescriptor("cf-999".getBytes(StandardCharsets.UTF_8))));
            for (ColumnFamilyHandle h : handles) {
                h.close();
            }
        }
    }
}
