package io.camvault.vault.model;

/**
 * The written description that must accompany footage used as evidence (文字说明材料): what it
 * shows, who is in it, where and when.
 */
public record Description(String text, String what, String who, String where, String when) {
    public Description {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a written description is required");
        }
    }
}
