package io.camvault.vault.media.ffmpeg;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.bytedeco.javacv.Frame;

/**
 * Copies the grabber's YUV 4:2:0 pictures into tightly packed buffers for the recorder.
 *
 * <p>Why: FFmpegFrameGrabber lays planar frames out with rows padded to 64 bytes (852 wide → a
 * stride of 896, chroma 448), but FFmpegFrameRecorder reads planar input as if the chroma planes
 * were exactly half the luma width. Whenever the width is not a multiple of 64 (every 480p proxy,
 * 1440-wide sources) the chroma came out sheared into stripes, and the encoder spent 2.6x the bits
 * on the garbage. Packed rows (stride == width) are read correctly. The copy replaces the one the
 * decode thread needs anyway (the grabber reuses its buffers), and buffers are recycled.
 */
final class PackedYuv {

    private final BlockingQueue<ByteBuffer> free;

    PackedYuv(int poolSize) {
        this.free = new ArrayBlockingQueue<>(poolSize);
    }

    /** A packed copy of a YUV 4:2:0 frame from the grabber. */
    Frame copy(Frame src) {
        int w = src.imageWidth;
        int h = src.imageHeight;
        int stride = src.imageStride;
        int cw = (w + 1) / 2;
        int ch = (h + 1) / 2;
        // the buffer's limit covers the luma plane only; the chroma planes follow it up to capacity
        ByteBuffer in = ((ByteBuffer) src.image[0]).duplicate();
        int total = in.capacity();
        in.clear();
        int cstride = (total - stride * h) / (2 * ch);
        if (cstride < cw || stride < w) {
            throw new IllegalStateException("unexpected YUV 4:2:0 layout: " + w + "x" + h + " stride " + stride
                    + " buffer " + total);
        }
        int size = w * h + 2 * cw * ch;
        ByteBuffer out = take(size);
        copyPlane(in, 0, stride, w, h, out);
        copyPlane(in, stride * h, cstride, cw, ch, out);
        copyPlane(in, stride * h + cstride * ch, cstride, cw, ch, out);
        out.flip();

        Frame f = new Frame();
        f.imageWidth = w;
        f.imageHeight = h;
        f.imageDepth = src.imageDepth;
        f.imageChannels = src.imageChannels;
        f.imageStride = w;
        f.image = new ByteBuffer[] {out};
        f.timestamp = src.timestamp;
        f.keyFrame = src.keyFrame;
        f.type = src.type;
        return f;
    }

    /** Returns a frame's buffer to the pool once the recorder is done with it. */
    void release(Frame f) {
        if (f.image != null && f.image[0] instanceof ByteBuffer b) {
            free.offer(b);
        }
    }

    private ByteBuffer take(int size) {
        ByteBuffer b = free.poll();
        if (b == null || b.capacity() < size) {
            b = ByteBuffer.allocateDirect(size); // direct: JavaCPP hands its address to libav*
        }
        b.clear();
        b.limit(size);
        return b;
    }

    private static void copyPlane(ByteBuffer in, int offset, int srcStride, int width, int rows, ByteBuffer out) {
        for (int y = 0; y < rows; y++) {
            int from = offset + y * srcStride;
            in.limit(from + width).position(from);
            out.put(in);
        }
        in.clear();
    }
}
