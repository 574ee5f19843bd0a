package io.raftkv.chaos.workload;

import io.raftkv.chaos.history.History;
import io.raftkv.chaos.history.HistoryOp;
import io.raftkv.chaos.history.OpType;
import io.raftkv.chaos.history.Outcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The operations the workers issue, shared by all of them: a mix of
 * <ul>
 *   <li>register operations (read, write, CAS, delete, insert) on a few hot keys {@code r/NNNNNN},
 *       each retired after {@link #opsPerKey} operations so every key's history stays small
 *       enough for the linearizability search;</li>
 *   <li>set inserts of fresh keys {@code s/...}, all read back at the end (lost writes);</li>
 *   <li>group operations on {@link #GROUP_SIZE} keys {@code g/NNNNNN/i} that are only ever
 *       written together in one batch or transaction, and read together in one consistent
 *       read (atomicity).</li>
 * </ul>
 * Every written value is unique in the run. Thread-safe: each worker calls {@link #step} from
 * its own thread with its own client.
 */
public final class Workload {

    /** Keys per group. */
    public static final int GROUP_SIZE = 3;
    /** Prefix of register keys. */
    public static final String REGISTER_PREFIX = "r/";
    /** Prefix of set keys. */
    public static final String SET_PREFIX = "s/";
    /** Prefix of group keys. */
    public static final String GROUP_PREFIX = "g/";

    private static final int REGISTER_SLOTS = 6;
    private static final int GROUP_SLOTS = 2;
    private static final int MAX_UNKNOWN_PER_KEY = 6;

    private final int opsPerKey;
    private final AtomicLong values = new AtomicLong();
    private final AtomicLong generations = new AtomicLong();
    private final Slot[] registers = new Slot[REGISTER_SLOTS];
    private final Slot[] groups = new Slot[GROUP_SLOTS];
    /** Unexpected client failures (bugs, not store answers); their operations are recorded as unknown. */
    private final List<String> clientErrors = java.util.Collections.synchronizedList(new ArrayList<>());

    /** A hot key or group: its name, how many operations it has had, the last value seen in it. */
    private static final class Slot {
        final String name;
        /** Operations issued on it; it is replaced once this reaches opsPerKey. */
        final AtomicLong uses = new AtomicLong();
        /**
         * Operations on it whose outcome is unknown; it is replaced once this reaches
         * {@link #MAX_UNKNOWN_PER_KEY}, since every unknown write multiplies the orders the
         * linearizability search must try (an outage can leave dozens on one key).
         */
        final AtomicLong unknowns = new AtomicLong();
        /** A value recently read or written, so CAS has a fair chance; null if none. */
        volatile String lastValue;

        Slot(String name) {
            this.name = name;
        }
    }

    /** @param opsPerKey operations after which a register key or group is retired, at least 10 */
    public Workload(int opsPerKey) {
        if (opsPerKey < 10) {
            throw new IllegalArgumentException("opsPerKey must be at least 10, was " + opsPerKey);
        }
        this.opsPerKey = opsPerKey;
        for (int i = 0; i < REGISTER_SLOTS; i++) {
            registers[i] = new Slot(REGISTER_PREFIX + generation());
        }
        for (int i = 0; i < GROUP_SLOTS; i++) {
            groups[i] = new Slot(GROUP_PREFIX + generation() + "/");
        }
    }

    private String generation() {
        return String.format("%06d", generations.incrementAndGet());
    }

    /** The keys of a group named by its prefix. */
    public static List<String> groupKeys(String prefix) {
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < GROUP_SIZE; i++) {
            keys.add(prefix + i);
        }
        return keys;
    }

    /** Issues one operation and records it. Blocks for as long as the client does. */
    public void step(String client, KvClient kv, History history, Random random) throws InterruptedException {
        int dice = random.nextInt(100);
        if (dice < 55) {
            register(client, kv, history, random);
        } else if (dice < 70) {
            String key = SET_PREFIX + client + "-" + values.incrementAndGet();
            run(null, history, client, OpType.INSERT, key, "x", null, () -> String.valueOf(kv.insert(key, "x")));
        } else {
            group(client, kv, history, random);
        }
    }

    private void register(String client, KvClient kv, History history, Random random) throws InterruptedException {
        Slot slot = take(registers, random, REGISTER_PREFIX, "");
        String key = slot.name;
        String value = "v" + values.incrementAndGet();
        int dice = random.nextInt(100);
        if (dice < 40) {
            String read = run(slot, history, client, OpType.READ, key, null, null, () -> orEmpty(kv.get(key)));
            if (read != null) {
                slot.lastValue = read.isEmpty() ? null : read;
            }
        } else if (dice < 65) {
            if (run(slot, history, client, OpType.WRITE, key, value, null, () -> {
                kv.put(key, value);
                return "";
            }) != null) {
                slot.lastValue = value;
            }
        } else if (dice < 85 && slot.lastValue != null) {
            String expected = slot.lastValue;
            if ("true".equals(run(slot, history, client, OpType.CAS, key, value, expected,
                    () -> String.valueOf(kv.cas(key, expected, value))))) {
                slot.lastValue = value;
            }
        } else if (dice < 93) {
            run(slot, history, client, OpType.DELETE, key, null, null, () -> String.valueOf(kv.delete(key)));
        } else {
            run(slot, history, client, OpType.INSERT, key, value, null, () -> String.valueOf(kv.insert(key, value)));
        }
    }

    private void group(String client, KvClient kv, History history, Random random) throws InterruptedException {
        Slot slot = take(groups, random, GROUP_PREFIX, "/");
        String prefix = slot.name;
        List<String> keys = groupKeys(prefix);
        String value = "t" + values.incrementAndGet();
        int dice = random.nextInt(100);
        if (dice < 40) {
            String read = run(slot, history, client, OpType.GROUP_READ, prefix, null, null,
                    () -> encode(kv.scan(prefix, 100, true)));
            if (read != null && !read.isEmpty()) {
                slot.lastValue = read.substring(read.indexOf('=') + 1, read.contains(";") ? read.indexOf(';')
                        : read.length());
            }
        } else if (dice < 65) {
            Map<String, String> entries = new TreeMap<>();
            keys.forEach(k -> entries.put(k, value));
            if (run(slot, history, client, OpType.GROUP_WRITE, prefix, value, null, () -> {
                kv.putAll(entries);
                return "";
            }) != null) {
                slot.lastValue = value;
            }
        } else if (dice < 90 && slot.lastValue != null) {
            String expected = slot.lastValue;
            run(slot, history, client, OpType.GROUP_CAS, prefix, value, expected,
                    () -> String.valueOf(kv.casAll(keys, expected, value)));
        } else {
            run(slot, history, client, OpType.GROUP_DELETE, prefix, null, null, () -> {
                kv.deleteAll(keys);
                return "";
            });
        }
    }

    /** Records a client failure outside any operation (e.g. a worker could not connect). */
    public void clientError(String line) {
        clientErrors.add(line);
    }

    /** Failures of the client that were neither an answer nor a typed failure, one line each. */
    public List<String> clientErrors() {
        synchronized (clientErrors) {
            return List.copyOf(clientErrors);
        }
    }

    /** "k=v;k=v" of a read, keys in order; empty for none. */
    public static String encode(SortedMap<String, String> entries) {
        StringJoiner j = new StringJoiner(";");
        entries.forEach((k, v) -> j.add(k + "=" + v));
        return j.toString();
    }

    private Slot take(Slot[] slots, Random random, String prefix, String suffix) {
        int i = random.nextInt(slots.length);
        synchronized (slots) {
            if (slots[i].uses.incrementAndGet() > opsPerKey || slots[i].unknowns.get() >= MAX_UNKNOWN_PER_KEY) {
                slots[i] = new Slot(prefix + generation() + suffix);
                slots[i].uses.incrementAndGet();
            }
            return slots[i];
        }
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** One call of the client that answers with a result string. */
    @FunctionalInterface
    private interface Call {
        String run() throws OpFailedException, InterruptedException;
    }

    /** Runs and records one operation on {@code slot} (null: none); returns its result when OK, else null. */
    private String run(Slot slot, History history, String client, OpType type, String key, String value, String expected,
            Call call) throws InterruptedException {
        long id = history.nextId();
        long invoked = history.now();
        history.invoked(new HistoryOp(id, client, type, key, value, expected, Outcome.UNKNOWN, null, invoked, invoked));
        Outcome outcome;
        String result = null;
        try {
            result = call.run();
            outcome = Outcome.OK;
        } catch (OpFailedException e) {
            outcome = e.definite() ? Outcome.FAIL : Outcome.UNKNOWN;
        } catch (RuntimeException e) {
            // Not an answer of the store: the client itself broke. The op may have been sent, so
            // its effect is unknown; the report lists the failure and the run counts as failed.
            outcome = Outcome.UNKNOWN;
            clientErrors.add(client + " " + type + " " + key + ": " + e);
        }
        if (outcome == Outcome.UNKNOWN && slot != null) {
            slot.unknowns.incrementAndGet();
        }
        history.completed(new HistoryOp(id, client, type, key, value, expected, outcome, result, invoked,
                history.now()));
        return result;
    }
}
