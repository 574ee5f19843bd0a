package io.raftkv.chaos.check;

import java.util.Objects;

/**
 * One thing the store did that it promised not to.
 *
 * @param check       which checker found it: "linearizability", "set" or "atomicity"
 * @param key         the key or group it concerns
 * @param explanation what was seen, in terms a person can follow back into the history
 */
public record Anomaly(String check, String key, String explanation) {

    /** @throws NullPointerException if a field is null */
    public Anomaly {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(explanation, "explanation");
    }

    @Override
    public String toString() {
        return check + " " + key + ": " + explanation;
    }
}
