package io.camvault.vault.redaction;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Hides boxes in a packed YUV 4:2:0 picture (luma rows of {@code width} bytes, then the two chroma
 * planes at half size, rows of {@code (width+1)/2}). Each box is cut to the picture and widened to
 * even edges so the chroma under it is covered too. Every method replaces the box's content with
 * something computed from the box alone: no detail of the region survives at a scale a person
 * could recognise (the blur radius and block size grow with the box).
 */
public final class YuvRedaction {
    private YuvRedaction() {
    }

    public static void apply(ByteBuffer yuv, int width, int height, List<Box> boxes, Method method) {
        int cw = (width + 1) / 2;
        int ch = (height + 1) / 2;
        int uOffset = width * height;
        int vOffset = uOffset + cw * ch;
        for (Box raw : boxes) {
            Box b = evenEdges(raw).clip(width, height);
            if (b == null) {
                continue;
            }
            Box c = new Box(b.x() / 2, b.y() / 2, Math.max(1, (b.w() + 1) / 2), Math.max(1, (b.h() + 1) / 2)).clip(cw, ch);
            switch (method) {
                case BOX -> {
                    fill(yuv, 0, width, b, (byte) 16);
                    if (c != null) {
                        fill(yuv, uOffset, cw, c, (byte) 128);
                        fill(yuv, vOffset, cw, c, (byte) 128);
                    }
                }
                case PIXELATE -> {
                    int block = Math.max(8, Math.min(b.w(), b.h()) / 8) & ~1;
                    pixelate(yuv, 0, width, b, block);
                    if (c != null) {
                        pixelate(yuv, uOffset, cw, c, block / 2);
                        pixelate(yuv, vOffset, cw, c, block / 2);
                    }
                }
                case BLUR -> {
                    int radius = Math.max(6, Math.min(b.w(), b.h()) / 6);
                    blur(yuv, 0, width, b, radius);
                    if (c != null) {
                        blur(yuv, uOffset, cw, c, Math.max(3, radius / 2));
                        blur(yuv, vOffset, cw, c, Math.max(3, radius / 2));
                    }
                }
            }
        }
    }

    private static Box evenEdges(Box b) {
        int x0 = Math.floorDiv(b.x(), 2) * 2;
        int y0 = Math.floorDiv(b.y(), 2) * 2;
        int x1 = b.x() + b.w();
        int y1 = b.y() + b.h();
        x1 += x1 & 1;
        y1 += y1 & 1;
        return new Box(x0, y0, x1 - x0, y1 - y0);
    }

    private static void fill(ByteBuffer p, int offset, int stride, Box b, byte value) {
        byte[] row = new byte[b.w()];
        java.util.Arrays.fill(row, value);
        for (int y = b.y(); y < b.y() + b.h(); y++) {
            p.put(offset + y * stride + b.x(), row);
        }
    }

    private static byte[] read(ByteBuffer p, int offset, int stride, Box b) {
        byte[] px = new byte[b.w() * b.h()];
        for (int y = 0; y < b.h(); y++) {
            p.get(offset + (b.y() + y) * stride + b.x(), px, y * b.w(), b.w());
        }
        return px;
    }

    private static void write(ByteBuffer p, int offset, int stride, Box b, byte[] px) {
        for (int y = 0; y < b.h(); y++) {
            p.put(offset + (b.y() + y) * stride + b.x(), px, y * b.w(), b.w());
        }
    }

    static void pixelate(ByteBuffer p, int offset, int stride, Box b, int block) {
        block = Math.max(2, block);
        byte[] px = read(p, offset, stride, b);
        int w = b.w();
        int h = b.h();
        for (int by = 0; by < h; by += block) {
            for (int bx = 0; bx < w; bx += block) {
                int ye = Math.min(h, by + block);
                int xe = Math.min(w, bx + block);
                long sum = 0;
                for (int y = by; y < ye; y++) {
                    for (int x = bx; x < xe; x++) {
                        sum += px[y * w + x] & 0xff;
                    }
                }
                byte avg = (byte) (sum / ((long) (ye - by) * (xe - bx)));
                for (int y = by; y < ye; y++) {
                    java.util.Arrays.fill(px, y * w + bx, y * w + xe, avg);
                }
            }
        }
        write(p, offset, stride, b, px);
    }

    /** Three passes of a separable box blur (close to a Gaussian), edges clamped to the box. */
    static void blur(ByteBuffer p, int offset, int stride, Box b, int radius) {
        int w = b.w();
        int h = b.h();
        int[] a = new int[w * h];
        byte[] px = read(p, offset, stride, b);
        for (int i = 0; i < a.length; i++) {
            a[i] = px[i] & 0xff;
        }
        int[] t = new int[w * h];
        for (int pass = 0; pass < 3; pass++) {
            boxPass(a, t, w, h, radius, true);
            boxPass(t, a, w, h, radius, false);
        }
        for (int i = 0; i < a.length; i++) {
            px[i] = (byte) a[i];
        }
        write(p, offset, stride, b, px);
    }

    private static void boxPass(int[] in, int[] out, int w, int h, int r, boolean horizontal) {
        int lines = horizontal ? h : w;
        int len = horizontal ? w : h;
        int step = horizontal ? 1 : w;
        int span = 2 * r + 1;
        for (int line = 0; line < lines; line++) {
            int base = horizontal ? line * w : line;
            long sum = 0;
            for (int k = -r; k <= r; k++) {
                sum += in[base + clamp(k, len) * step];
            }
            for (int i = 0; i < len; i++) {
                out[base + i * step] = (int) (sum / span);
                sum += in[base + clamp(i + r + 1, len) * step] - in[base + clamp(i - r, len) * step];
            }
        }
    }

    private static int clamp(int i, int len) {
        return i < 0 ? 0 : i >= len ? len - 1 : i;
    }
}
