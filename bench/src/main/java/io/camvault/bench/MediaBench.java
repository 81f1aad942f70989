package io.camvault.bench;

import com.sun.management.OperatingSystemMXBean;
import io.camvault.vault.media.MediaFacts;
import io.camvault.vault.media.ProxySettings;
import io.camvault.vault.media.ffmpeg.FfmpegMediaTool;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Media benchmark: JavaCV/FFmpeg (our {@link FfmpegMediaTool}) against the ffmpeg command line on
 * the same 60 s 1080p30 H.264 8 Mbit/s + AAC file, in one run, median of N each, the two sides run
 * alternately so load from elsewhere on the machine hits both alike. Wall time is what the targets
 * are about; CPU time (user + sys) is printed too because it is far less sensitive to a busy
 * machine. Prints figures and ratios; asserts nothing (see docs/BENCHMARKS.md).
 *
 * <p>Usage: {@code MediaBench [--runs N] [--seconds S] [--cli PATH] [--keep]}. {@code --cli} names
 * the ffmpeg used as the transcode baseline; it must offer the same H.264 encoder as the JavaCV
 * natives. The LGPL natives carry only libopenh264 and Debian's ffmpeg only libx264, so
 * media-bench.sh passes the ffmpeg binary shipped inside the same natives jar unless run with --gpl.
 */
public final class MediaBench {

    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final Path TIME = Path.of("/usr/bin/time");

    private MediaBench() {
    }

    record Sample(double wall, double cpu) {
    }

    interface Work {
        void run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int runs = 3;
        int seconds = 60;
        String cli = "ffmpeg";
        boolean keep = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--cli" -> cli = args[++i];
                case "--keep" -> keep = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("camvault-media-bench");
        try {
            run(dir, runs, seconds, cli);
        } finally {
            if (keep) {
                System.out.println("kept " + dir);
            } else {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    private static void run(Path dir, int runs, int seconds, String cli) throws Exception {
        Path src = dir.resolve("A123456_100234_20261120083000.mp4");
        System.out.printf(Locale.ROOT, "generating %d s 1080p30 H.264 8 Mbit/s + AAC with the ffmpeg CLI ...%n", seconds);
        exec(List.of("ffmpeg", "-hide_banner", "-v", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=1920x1080:rate=30:duration=" + seconds,
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=" + seconds,
                "-c:v", "libx264", "-preset", "veryfast", "-profile:v", "high", "-pix_fmt", "yuv420p",
                "-b:v", "8M", "-maxrate", "8M", "-bufsize", "16M", "-g", "60",
                "-c:a", "aac", "-b:a", "128k", "-ac", "2", src.toString()));
        FfmpegMediaTool tool = new FfmpegMediaTool();
        MediaFacts facts = tool.probe(src);
        double real = facts.durationMillis() / 1000.0;
        System.out.printf(Locale.ROOT, "source: %.1f MB, %s %s %dx%d %.0f fps, %.1f Mbit/s, %s %d Hz; JavaCV %s%n",
                Files.size(src) / 1e6, facts.videoCodec(), facts.videoProfile(), facts.width(), facts.height(),
                facts.frameRate(), facts.bitRate() / 1e6, facts.audioCodec(), facts.audioSampleRate(), tool.version());
        System.out.printf(Locale.ROOT, "median of %d alternating runs; %d cores; load average at start %.2f%n%n",
                runs, Runtime.getRuntime().availableProcessors(), OS.getSystemLoadAverage());

        // warm-up: load the natives and page the source in so neither side pays for it
        tool.remux(src, dir.resolve("warm.mp4"));
        exec(List.of("ffprobe", "-v", "error", "-show_format", src.toString()));

        Sample[] probe = medians(runs * 3, () -> tool.probe(src),
                List.of("ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json", src.toString()));
        System.out.printf(Locale.ROOT, "%-40s JavaCV %7.1f ms   ffprobe %7.1f ms (process start included)   ratio %.1fx%n",
                "probe, per file", probe[0].wall * 1e3, probe[1].wall * 1e3, probe[1].wall / probe[0].wall);

        Sample[] remux = medians(runs, () -> tool.remux(src, dir.resolve("remux-javacv.mp4")),
                List.of("ffmpeg", "-hide_banner", "-v", "error", "-y", "-i", src.toString(), "-map", "0:v",
                        "-map", "0:a", "-c", "copy", "-movflags", "+faststart", dir.resolve("remux-cli.mp4").toString()));
        row("remux -c copy +faststart", remux, real, "ffmpeg");

        String encoder = FfmpegMediaTool.defaultVideoEncoder();
        ProxySettings proxy = new ProxySettings(480, encoder, "ultrafast", 1_000_000, 96_000, 2);
        Path proxyOut = dir.resolve("proxy-javacv.mp4");
        if (!hasEncoder(cli, encoder)) {
            throw new IllegalStateException(cli + " has no " + encoder + " encoder: no same-settings baseline");
        }
        int width = proxyWidth(facts, proxy.height());
        Sample[] trans = medians(runs, () -> tool.transcode(src, proxyOut, proxy),
                transcodeCommand(cli, src, dir.resolve("proxy-cli.mp4"), encoder, width, proxy.height()));
        row("transcode 480p " + encoder + (encoder.equals("libx264") ? " ultrafast" : ""), trans, real, cli);
        if (!encoder.equals("libx264") && hasEncoder("ffmpeg", "libx264")) {
            // the reference command: Debian's ffmpeg with x264 ultrafast (another encoder)
            Sample x264 = median(runs, cliWork(transcodeCommand("ffmpeg", src, dir.resolve("proxy-x264.mp4"), "libx264",
                    width, proxy.height())));
            System.out.printf(Locale.ROOT, "%-40s CLI    %7.2f s (%5.1fx real time, cpu %6.2f s)   JavaCV %s speed / this = %.2f%n",
                    "  reference: ffmpeg libx264 ultrafast", x264.wall, real / x264.wall, x264.cpu, encoder,
                    x264.wall / trans[0].wall);
        }
        MediaFacts out = tool.probe(proxyOut);
        MediaFacts outCli = tool.probe(dir.resolve("proxy-cli.mp4"));
        System.out.printf(Locale.ROOT, "%nJavaCV proxy: %dx%d %s %s, %.1f s, %.2f MB; CLI proxy: %dx%d %s %s, %.1f s, %.2f MB%n",
                out.width(), out.height(), out.videoCodec(), out.audioCodec(), out.durationMillis() / 1000.0,
                Files.size(proxyOut) / 1e6, outCli.width(), outCli.height(), outCli.videoCodec(), outCli.audioCodec(),
                outCli.durationMillis() / 1000.0, Files.size(dir.resolve("proxy-cli.mp4")) / 1e6);
        System.out.printf(Locale.ROOT, "load average at end %.2f%n", OS.getSystemLoadAverage());
    }

    /** The proxy width the Transcoder picks: width by aspect, rounded, then down to even. */
    static int proxyWidth(MediaFacts source, int height) {
        int w = (int) Math.round((double) source.width() * height / source.height());
        return Math.max(2, w - (w & 1));
    }

    /**
     * The CLI doing what {@code Transcoder} does: the same output size (the CLI's {@code -2} would
     * round 853.3 up to 854 where we round to 852) and the same bilinear scaler (the scale filter's
     * own default is bicubic, which costs more).
     */
    static List<String> transcodeCommand(String cli, Path src, Path dst, String encoder, int width, int height) {
        List<String> cmd = new ArrayList<>(List.of(cli, "-hide_banner", "-v", "error", "-y", "-i", src.toString(),
                "-vf", "scale=" + width + ":" + height + ":flags=bilinear", "-c:v", encoder));
        if (encoder.equals("libx264")) {
            cmd.addAll(List.of("-preset", "ultrafast"));
        }
        cmd.addAll(List.of("-b:v", "1000k", "-g", "60", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "96k", "-movflags", "+faststart", dst.toString()));
        return cmd;
    }

    private static void row(String what, Sample[] s, double real, String cli) {
        System.out.printf(Locale.ROOT,
                "%-40s JavaCV %7.2f s (%6.1fx real time, cpu %6.2f s)   CLI %7.2f s (%6.1fx, cpu %6.2f s)   "
                        + "JavaCV/CLI speed: wall %.2f, cpu %.2f%n",
                what, s[0].wall, real / s[0].wall, s[0].cpu, s[1].wall, real / s[1].wall, s[1].cpu,
                s[1].wall / s[0].wall, s[1].cpu / s[0].cpu);
        if (!cli.equals("ffmpeg")) {
            System.out.println("  baseline: " + cli);
        }
    }

    private static Sample[] medians(int runs, Work javacv, List<String> cliCommand) throws Exception {
        List<Sample> a = new ArrayList<>();
        List<Sample> b = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            a.add(time(javacv));
            b.add(time(cliWork(cliCommand)));
        }
        return new Sample[] {median(a), median(b)};
    }

    private static Sample median(int runs, Work w) throws Exception {
        List<Sample> s = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            s.add(time(w));
        }
        return median(s);
    }

    /** Median wall time, and the median CPU time on its own (the two need not come from one run). */
    private static Sample median(List<Sample> s) {
        double[] wall = s.stream().mapToDouble(Sample::wall).sorted().toArray();
        double[] cpu = s.stream().mapToDouble(Sample::cpu).sorted().toArray();
        return new Sample(wall[wall.length / 2], cpu[cpu.length / 2]);
    }

    private static double lastChildCpu;

    /** A Work that runs a command; its CPU time comes from /usr/bin/time when present. */
    private static Work cliWork(List<String> cmd) {
        return () -> {
            if (Files.isExecutable(TIME)) {
                List<String> timed = new ArrayList<>(List.of(TIME.toString(), "-f", "CPU %U %S"));
                timed.addAll(cmd);
                String out = exec(timed);
                String[] last = out.strip().lines().reduce((x, y) -> y).orElse("CPU 0 0").split(" ");
                lastChildCpu = Double.parseDouble(last[1]) + Double.parseDouble(last[2]);
            } else {
                exec(cmd);
                lastChildCpu = Double.NaN;
            }
        };
    }

    private static Sample time(Work w) throws Exception {
        lastChildCpu = -1;
        long c0 = OS.getProcessCpuTime();
        long t0 = System.nanoTime();
        w.run();
        double wall = (System.nanoTime() - t0) / 1e9;
        double cpu = lastChildCpu >= 0 || Double.isNaN(lastChildCpu) ? lastChildCpu
                : (OS.getProcessCpuTime() - c0) / 1e9;
        return new Sample(wall, cpu);
    }

    private static boolean hasEncoder(String cli, String encoder) {
        try {
            return exec(List.of(cli, "-hide_banner", "-encoders")).lines().anyMatch(l -> l.contains(" " + encoder + " "));
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String exec(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }

    static double[] sorted(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c;
    }
}
