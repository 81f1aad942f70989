package io.camvault.vault.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A case footage can be linked to as evidence. */
public record CaseRecord(
        String id,
        String number,
        String title,
        String unitCode,
        CaseStatus status,
        boolean major,
        Instant openedAt,
        Instant closedAt,
        List<CaseLink> links,
        List<Hold> holds) {

    public CaseRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(status, "status");
        links = links == null ? List.of() : List.copyOf(links);
        holds = holds == null ? List.of() : List.copyOf(holds);
    }
}
