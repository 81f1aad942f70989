package io.camvault.gateway.review;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.camvault.gateway.http.FileSlice;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The head and body parts of a 200, a single-range 206, or a {@code multipart/byteranges} 206. Local
 * file bytes are {@link FileSlice}s, so plain HTTP sends them with sendfile and never copies them
 * through the heap, and TLS streams them in bounded chunks; objects read through the store's seam are {@link ObjectRangeInput}s.
 */
final class RangeResponses {
    private RangeResponses() {
    }

    record Answer(HttpResponse head, List<Object> parts) {
    }

    static Answer whole(ServedFile f, String cacheControl) {
        HttpResponse head = head(HttpResponseStatus.OK, f.contentType(), f.length(), cacheControl);
        return new Answer(head, f.length() == 0 ? List.of() : List.of(region(f, 0, f.length())));
    }

    static Answer partial(ServedFile f, List<ByteRanges.Range> ranges, String cacheControl) {
        if (ranges.size() == 1) {
            ByteRanges.Range r = ranges.get(0);
            HttpResponse head = head(HttpResponseStatus.PARTIAL_CONTENT, f.contentType(), r.length(), cacheControl);
            head.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes " + r + "/" + f.length());
            return new Answer(head, List.of(region(f, r.first(), r.length())));
        }
        String boundary = "camvault-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        List<Object> parts = new ArrayList<>();
        long total = 0;
        for (ByteRanges.Range r : ranges) {
            ByteBuf partHead = ascii("\r\n--" + boundary + "\r\nContent-Type: " + f.contentType()
                    + "\r\nContent-Range: bytes " + r + "/" + f.length() + "\r\n\r\n");
            total += partHead.readableBytes() + r.length();
            parts.add(partHead);
            parts.add(region(f, r.first(), r.length()));
        }
        ByteBuf end = ascii("\r\n--" + boundary + "--\r\n");
        total += end.readableBytes();
        parts.add(end);
        HttpResponse head = head(HttpResponseStatus.PARTIAL_CONTENT, "multipart/byteranges; boundary=" + boundary,
                total, cacheControl);
        return new Answer(head, parts);
    }

    static Answer unsatisfiable(ServedFile f) {
        HttpResponse head = head(HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, f.contentType(), 0, "no-store");
        head.headers().set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + f.length());
        return new Answer(head, List.of());
    }

    private static HttpResponse head(HttpResponseStatus status, String type, long length, String cacheControl) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, status);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        head.headers().set(HttpHeaderNames.CONTENT_LENGTH, length);
        head.headers().set(HttpHeaderNames.ACCEPT_RANGES, "bytes");
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, cacheControl);
        head.headers().set("X-Content-Type-Options", "nosniff");
        return head;
    }

    private static Object region(ServedFile f, long position, long count) {
        return f.file() != null ? new FileSlice(f.file(), position, count)
                : new ObjectRangeInput(f.reader(), position, count);
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.US_ASCII));
    }
}
