package dev.tenure.engine.intake;

import java.time.Instant;

/** An intake port: told by an import that it stored signals, the oldest of which happened at {@code oldest}. */
@FunctionalInterface
public interface ImportedHistory {

    /** @param what names the import ("usage-2026.csv") */
    void stored(Instant oldest, String what);

    ImportedHistory NONE = (oldest, what) -> {
    };
}
