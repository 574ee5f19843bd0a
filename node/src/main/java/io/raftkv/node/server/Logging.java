package io.raftkv.node.server;

/**
 * Sets slf4j-simple's defaults for the command-line tools (timestamps, thread names that carry
 * the node id, Netty at WARN) unless the user set them with -D. Must run before the first logger
 * is created.
 */
final class Logging {

    private Logging() {
    }

    static void configure() {
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSX");
        setDefault("org.slf4j.simpleLogger.showThreadName", "true");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        setDefault("org.slf4j.simpleLogger.log.io.netty", "warn");
        setDefault("org.slf4j.simpleLogger.logFile", "System.err");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
