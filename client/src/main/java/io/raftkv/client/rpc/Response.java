package io.raftkv.client.rpc;

import io.raftkv.client.command.CommandResult;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * What a node answers, carried in a {@link ClientResponse} and encoded by {@link ResponseCodec}:
 * one result type per request type, or an {@link ErrorResponse} for any request.
 */
public sealed interface Response
        permits Response.GetResult, Response.ScanResult, Response.WriteResult, Response.StatusResult,
                Response.AdminResult, ErrorResponse {

    /**
     * The answer to {@link Request.Get}.
     *
     * @param value    the value, or null when the key is absent; not copied
     * @param modIndex the log index of the key's last write, 0 when absent (so it can guard a
     *                 later write with ModIndexEquals)
     */
    record GetResult(byte[] value, long modIndex) implements Response {
        public GetResult {
            if (modIndex < 0 || (value == null) != (modIndex == 0)) {
                throw new IllegalArgumentException("modIndex is 0 exactly when the value is absent, at least 1"
                        + " otherwise; was " + modIndex + " with value " + (value == null ? "absent" : "present"));
            }
        }

        /** The answer for an absent key. */
        public static GetResult absent() {
            return new GetResult(null, 0);
        }

        /** True when the key has a value. */
        public boolean found() {
            return value != null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof GetResult g && Arrays.equals(value, g.value) && modIndex == g.modIndex;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value) * 31 + Long.hashCode(modIndex);
        }

        @Override
        public String toString() {
            return "GetResult[" + (value == null ? "absent" : value.length + " bytes, modIndex=" + modIndex) + "]";
        }
    }

    /**
     * One page of a {@link Request.Scan}.
     *
     * @param entries   the entries in the scan's order, at most its limit; unmodifiable copy
     * @param resumeKey null when the scan is complete; else the key the next page starts at
     *                  (inclusive): send the scan again with {@code resumeAt(resumeKey)}
     */
    record ScanResult(List<KeyValue> entries, byte[] resumeKey) implements Response {
        public ScanResult {
            entries = List.copyOf(entries);
        }

        /** True if another page may follow. */
        public boolean hasMore() {
            return resumeKey != null;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof ScanResult s && entries.equals(s.entries) && Arrays.equals(resumeKey, s.resumeKey);
        }

        @Override
        public int hashCode() {
            return entries.hashCode() * 31 + Arrays.hashCode(resumeKey);
        }

        @Override
        public String toString() {
            return "ScanResult[" + entries.size() + " entries, " + (resumeKey == null ? "complete" : "more") + "]";
        }
    }

    /**
     * The answer to {@link Request.Write}: the command was committed and applied.
     *
     * @param index  the log index of the entry that carried it, at least 1 (for a deduplicated
     *               retry: the index of the first application)
     * @param result what each op did; conditions that failed are reported here, not as errors
     */
    record WriteResult(long index, CommandResult result) implements Response {
        public WriteResult {
            if (index < 1) {
                throw new IllegalArgumentException("index must be at least 1, was " + index);
            }
            Objects.requireNonNull(result, "result");
        }
    }

    /**
     * The answer to {@link Request.Status}.
     *
     * @param status the answering node's view
     */
    record StatusResult(ClusterStatus status) implements Response {
        public StatusResult {
            Objects.requireNonNull(status, "status");
        }
    }

    /**
     * The answer to a membership change, leadership transfer or snapshot request: it is done.
     *
     * @param index  the log index the change committed at, or the snapshot's last included
     *               index; 0 when no index applies (leadership transfer)
     * @param detail a sentence for the operator, at most {@value #MAX_DETAIL_BYTES} UTF-8 bytes; may be empty
     */
    record AdminResult(long index, String detail) implements Response {
        /** Longest detail, in UTF-8 bytes. */
        public static final int MAX_DETAIL_BYTES = 4096;

        public AdminResult {
            if (index < 0) {
                throw new IllegalArgumentException("index must be at least 0, was " + index);
            }
            detail = ErrorResponse.truncate(Objects.requireNonNull(detail, "detail"), MAX_DETAIL_BYTES);
        }
    }
}
