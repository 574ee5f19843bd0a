package io.raftkv.bench.load;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * A {@link PointResult} as one line of text, so a driver running in another JVM (bench-etcd) can
 * hand its result to the harness on its standard output. Format, space separated:
 * {@code RESULT target workload clients rate measuredNanos ops errors clientCpuNanos
 * base64(histogram) base64(firstError)}, the last field {@code -} when there was no error; the histogram in HdrHistogram's compressed encoding.
 */
public final class ResultLine {

    /** First word of a result line; other lines of the driver's output are not results. */
    public static final String PREFIX = "RESULT";
    /** Printed by a driver when its measured window opens. */
    public static final String MEASURE_START = "MEASURE-START";
    /** Printed by a driver when its measured window closes. */
    public static final String MEASURE_END = "MEASURE-END";

    /** The last field when there was no error (not a Base64 character, so never ambiguous). */
    private static final String NO_ERROR = "-";

    private ResultLine() {
    }

    /** The line for {@code r}, without a line break; the servers' CPU is not carried. */
    public static String encode(PointResult r) {
        Histogram h = r.latencyMicros();
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        Base64.Encoder b64 = Base64.getEncoder();
        return String.join(" ", PREFIX, r.target(), r.workload().cliName(), Integer.toString(r.clients()),
                Double.toString(r.rate()), Long.toString(r.measuredNanos()), Long.toString(r.ops()),
                Long.toString(r.errors()), Long.toString(r.clientCpuNanos()), b64.encodeToString(bytes),
                r.firstError().isEmpty() ? NO_ERROR : b64.encodeToString(r.firstError().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The result a line carries.
     *
     * @throws BenchmarkException naming what is wrong if the line is not a result line
     */
    public static PointResult decode(String line) {
        String[] f = line.trim().split(" ", -1);
        if (f.length != 11 || !f[0].equals(PREFIX)) {
            throw new BenchmarkException("not a benchmark result line (want 11 fields starting with " + PREFIX
                    + "): " + abbreviate(line));
        }
        try {
            Base64.Decoder b64 = Base64.getDecoder();
            Histogram h = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(b64.decode(f[9])), 0);
            return new PointResult(f[1], Workload.parse(f[2]), Integer.parseInt(f[3]), Double.parseDouble(f[4]),
                    Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]), h, Long.parseLong(f[8]), -1,
                    f[10].equals(NO_ERROR) ? "" : new String(b64.decode(f[10]), StandardCharsets.UTF_8));
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new BenchmarkException("malformed benchmark result line (" + e.getMessage() + "): "
                    + abbreviate(line), e);
        }
    }

    private static String abbreviate(String line) {
        return line.length() <= 120 ? line : line.substring(0, 120) + "...";
    }
}
