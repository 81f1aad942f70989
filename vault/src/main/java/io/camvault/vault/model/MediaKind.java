package io.camvault.vault.model;

/** What an original holds, as far as ingest can tell from its name and metadata. */
public enum MediaKind {
    VIDEO, AUDIO, PHOTO, OTHER;

    /** Guesses the kind from a recorder's file name extension; the media probe refines it later. */
    public static MediaKind fromFileName(String name) {
        if (name == null) {
            return OTHER;
        }
        String n = name.toLowerCase(java.util.Locale.ROOT);
        int dot = n.lastIndexOf('.');
        String ext = dot < 0 ? "" : n.substring(dot + 1);
        return switch (ext) {
            case "mp4", "mov", "avi", "mkv", "ts", "m4v", "3gp", "h264", "h265" -> VIDEO;
            case "aac", "wav", "mp3", "m4a", "amr", "opus", "ogg" -> AUDIO;
            case "jpg", "jpeg", "png", "heic", "bmp" -> PHOTO;
            default -> OTHER;
        };
    }
}
