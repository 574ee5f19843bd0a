package io.raftkv.bench.load;

/** A benchmark could not run as asked: a process did not start, a target refused, a file failed. */
public class BenchmarkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed and what to check */
    public BenchmarkException(String message) {
        super(message);
    }

    /** @param message what failed and what to check; @param cause the underlying failure */
    public BenchmarkException(String message, Throwable cause) {
        super(message, cause);
    }
}
