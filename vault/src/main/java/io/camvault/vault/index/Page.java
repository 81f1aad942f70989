package io.camvault.vault.index;

import java.util.List;

/** One page of results; {@code next} is null on the last page. */
public record Page<T>(List<T> items, String next) {
    public Page {
        items = List.copyOf(items);
    }
}
