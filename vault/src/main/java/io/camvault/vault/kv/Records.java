package io.camvault.vault.kv;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.deser.std.FromStringDeserializer;
import io.camvault.vault.VaultException;
import io.camvault.vault.model.SegmentId;
import io.camvault.vault.model.Sha256;
import java.io.IOException;
import java.util.Arrays;

/**
 * The value codec for every record kept in the index: one format version byte, then the record as
 * JSON. JSON keeps records readable in a dump and lets fields be added without a migration; the
 * version byte is there for the day a layout must change incompatibly. Keys are not encoded here
 * but in {@link Keys}, because their byte order matters and a value's does not. Segment records,
 * the one kind held by the million, have their own binary layout in {@link SegmentCodec}, which
 * still reads the JSON version written here.
 */
public final class Records {
    /** Current value layout. Readers accept every version listed in {@link #decode}. */
    public static final byte VERSION = 1;

    private static final ObjectMapper MAPPER = mapper();

    private Records() {
    }

    /** The JSON mapper the vault uses for its records; shared so the gateway renders them alike. */
    public static ObjectMapper mapper() {
        SimpleModule ids = new SimpleModule("camvault-ids");
        ids.addSerializer(Sha256.class, ToStringSerializer.instance);
        ids.addDeserializer(Sha256.class, new FromStringDeserializer<>(Sha256.class) {
            @Override
            protected Sha256 _deserialize(String value, com.fasterxml.jackson.databind.DeserializationContext ctxt) {
                return Sha256.ofHex(value);
            }
        });
        ids.addSerializer(SegmentId.class, ToStringSerializer.instance);
        ids.addDeserializer(SegmentId.class, new FromStringDeserializer<>(SegmentId.class) {
            @Override
            protected SegmentId _deserialize(String value, com.fasterxml.jackson.databind.DeserializationContext ctxt) {
                return SegmentId.parse(value);
            }
        });
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .addModule(ids)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
    }

    public static byte[] encode(Object record) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(record);
            byte[] out = new byte[json.length + 1];
            out[0] = VERSION;
            System.arraycopy(json, 0, out, 1, json.length);
            return out;
        } catch (JsonProcessingException e) {
            throw new VaultException(VaultException.Kind.INVALID, "cannot encode " + record.getClass().getSimpleName(), e);
        }
    }

    public static <T> T decode(byte[] bytes, Class<T> type) {
        if (bytes == null || bytes.length == 0) {
            throw new VaultException(VaultException.Kind.INTEGRITY, "empty " + type.getSimpleName() + " record");
        }
        if (bytes[0] != VERSION) {
            throw new VaultException(VaultException.Kind.INTEGRITY,
                    "unknown " + type.getSimpleName() + " record version " + bytes[0]);
        }
        try {
            return MAPPER.readValue(Arrays.copyOfRange(bytes, 1, bytes.length), type);
        } catch (IOException e) {
            throw new VaultException(VaultException.Kind.INTEGRITY, "corrupt " + type.getSimpleName() + " record", e);
        }
    }
}
