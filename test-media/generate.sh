#!/usr/bin/env bash
# Regenerates the small media samples the vault's media tests run against.
# Tests use the committed files; run this only to change or rebuild them (ffmpeg with libx264
# and libx265, e.g. Debian's). Output is deterministic enough for the tests, not byte-identical.
# Names follow recorders: <serial 7>_<badge 6>_<yyyyMMddHHmmss>.<ext>
set -euo pipefail
cd "$(dirname "$0")"
ff() { ffmpeg -hide_banner -loglevel error -y "$@"; }

V="testsrc2=size=1920x1080:rate=30"
A="sine=frequency=440:sample_rate=48000"

# 1. H.264 High / AAC-LC MP4, 1080p30, 4 s, creation_time and an ISO 6709 location tag.
#    use_metadata_tags keeps the custom 'location' key; +faststart is deliberately NOT set so the
#    remux has real work to do (moov at the end, as recorders write it).
ff -f lavfi -i "$V:duration=4" -f lavfi -i "$A:duration=4" \
   -c:v libx264 -preset veryfast -profile:v high -pix_fmt yuv420p -b:v 400k -g 30 \
   -c:a aac -b:a 64k -ac 2 \
   -metadata creation_time=2026-11-20T08:30:00Z \
   -metadata location=+39.9042+116.4074/ \
   -movflags use_metadata_tags \
   A123456_100234_20261120083000.mp4

# 2. H.265 MP4, 1080p30, 3 s (not browser-playable everywhere: transcoded for streaming).
ff -f lavfi -i "$V:duration=3" -f lavfi -i "$A:duration=3" \
   -c:v libx265 -preset ultrafast -x265-params log-level=error -b:v 300k -pix_fmt yuv420p -tag:v hvc1 \
   -c:a aac -b:a 64k \
   -metadata creation_time=2026-11-20T09:15:00Z \
   A123456_100234_20261120091500.mp4

# 3. MJPEG video + PCM audio in AVI, 640x480, 3 s (older recorders).
ff -f lavfi -i "testsrc2=size=640x480:rate=25:duration=3" -f lavfi -i "sine=frequency=660:sample_rate=16000:duration=3" \
   -c:v mjpeg -q:v 12 -pix_fmt yuvj420p -c:a pcm_s16le -ac 1 \
   B765432_100235_20261120100000.avi

# 4. AAC audio only (.m4a), 4 s: audio recorder mode.
ff -f lavfi -i "$A:duration=4" -c:a aac -b:a 48k -ac 1 \
   -metadata creation_time=2026-11-20T10:30:00Z \
   C222333_100236_20261120103000.m4a

# 5. WAV (PCM 16-bit mono 16 kHz), 3 s.
ff -f lavfi -i "sine=frequency=880:sample_rate=16000:duration=3" -c:a pcm_s16le -ac 1 \
   C222333_100236_20261120104500.wav

# 6. JPEG photo, 1280x720.
ff -f lavfi -i "testsrc2=size=1280x720:rate=1" -frames:v 1 -q:v 6 \
   A123456_100234_20261120110000.jpg

# 7. Truncated MP4: the first 40 % of an MP4 whose moov is at the end (a recorder that lost power
#    or a copy cut short), so the index is missing altogether.
tmp=$(mktemp --suffix=.mp4)
trap 'rm -f "$tmp"' EXIT
ff -f lavfi -i "testsrc2=size=1280x720:rate=30:duration=4" -f lavfi -i "$A:duration=4" \
   -c:v libx264 -preset veryfast -b:v 400k -pix_fmt yuv420p -c:a aac -b:a 64k "$tmp"
size=$(stat -c %s "$tmp")
head -c $(( size * 40 / 100 )) "$tmp" > A123456_100234_20261120113000.mp4

# 8. A real face moving across a 1080p scene, 4 s: the public-domain NASA astronaut portrait
#    (Eileen Collins) that Debian ships in python3-skimage, taken from the package without installing
#    it (apt-get download + dpkg -x), 600x600, moving right and down across the picture, for face
#    detection and automatic redaction.
face_dir=$(mktemp -d)
trap 'rm -f "$tmp"; rm -rf "$face_dir"' EXIT
(cd "$face_dir" && apt-get download python3-skimage >/dev/null 2>&1 && dpkg -x python3-skimage_*.deb x)
face=$(find "$face_dir/x" -name astronaut.png | head -1)
ff -f lavfi -i "testsrc2=size=1920x1080:rate=30:duration=4" -loop 1 -framerate 30 -i "$face" \
   -f lavfi -i "$A:duration=4" \
   -filter_complex "[1:v]scale=600:600,setsar=1[f];[0:v][f]overlay=x='150+t*250':y='240+t*30':shortest=1,format=yuv420p[v]" \
   -map "[v]" -map 2:a -t 4 -c:v libx264 -preset veryfast -profile:v high -b:v 2000k -g 30 \
   -c:a aac -b:a 64k -ac 2 -metadata creation_time=2026-11-20T12:00:00Z \
   D333444_100237_20261120120000.mp4

ls -l --time-style=+ *.mp4 *.avi *.m4a *.wav *.jpg
