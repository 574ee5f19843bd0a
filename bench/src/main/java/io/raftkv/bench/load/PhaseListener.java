package io.raftkv.bench.load;

/**
 * Told when the measured window of a point opens and closes, so that the caller can sample
 * what the runner cannot see itself (the servers' CPU). Called on the runner's thread; must not
 * block for long.
 */
public interface PhaseListener {

    /** A listener that does nothing. */
    PhaseListener NONE = new PhaseListener() {
        @Override
        public void measureStarted() {
        }

        @Override
        public void measureEnded() {
        }
    };

    /** The warm-up is over; operations completing from now on are measured. */
    void measureStarted();

    /** The measured window closed; operations completing from now on are not counted. */
    void measureEnded();
}
