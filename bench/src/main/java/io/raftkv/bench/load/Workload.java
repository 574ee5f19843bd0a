package io.raftkv.bench.load;

import java.util.Locale;

/**
 * What each benchmark operation does. Every workload reads or writes keys of the
 * {@link KeySpace}; reads need the space preloaded (see {@link LoadOptions#preloadKeys()}).
 */
public enum Workload {
    /** Put of a key never written before, value of {@link LoadOptions#valueSize()} bytes. */
    PUT("put", false),
    /** Linearizable point read of a random preloaded key (Raft thesis §6.4 ReadIndex on raftkv). */
    GET("get", true),
    /** Point read any member may answer from what it has applied (etcd: serializable). */
    STALE_GET("stale-get", true),
    /** 90% linearizable gets of preloaded keys, 10% puts overwriting preloaded keys. */
    MIX("mix", true),
    /** Linearizable range read of {@link LoadOptions#scanLength()} keys from a random preloaded key. */
    SCAN("scan", true);

    private final String cliName;
    private final boolean needsPreload;

    Workload(String cliName, boolean needsPreload) {
        this.cliName = cliName;
        this.needsPreload = needsPreload;
    }

    /** The name used on command lines, in CSV files and in reports. */
    public String cliName() {
        return cliName;
    }

    /** Whether the key space must be written before measuring. */
    public boolean needsPreload() {
        return needsPreload;
    }

    /**
     * The workload named {@code name} (its {@link #cliName()}, any letter case).
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static Workload parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Workload w : values()) {
            if (w.cliName.equals(wanted)) {
                return w;
            }
        }
        throw new IllegalArgumentException("unknown workload '" + name + "'; use one of put, get, stale-get, mix, scan");
    }
}
