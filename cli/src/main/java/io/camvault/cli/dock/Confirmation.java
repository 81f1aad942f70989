package io.camvault.cli.dock;

/**
 * What the daemon said about one uploaded file: the segment named by the final tus answer
 * ({@code Camvault-Segment}) and what {@code GET /api/v1/segments/{id}} returned for it. Any part may be
 * {@code null} when the daemon did not say it.
 *
 * @param answeredSegment the {@code Camvault-Segment} header of the final answer
 * @param segmentId       {@code id} of the confirming GET
 * @param sha256          {@code sha256} of the confirming GET (lower-case hex)
 * @param size            {@code size} of the confirming GET
 */
public record Confirmation(String answeredSegment, String segmentId, String sha256, Long size) {
    public static Confirmation none() {
        return new Confirmation(null, null, null, null);
    }

    public static Confirmation answeredOnly(String answeredSegment) {
        return new Confirmation(answeredSegment, null, null, null);
    }
}
