package io.github.flinkcosmos.connector.cosmos.testing;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;

import java.io.StringWriter;

/** Collects every log line, exceptions included, while it is open. */
public final class LogCapture implements AutoCloseable {

    private static final String NAME = "test-capture";

    private final StringWriter lines = new StringWriter();
    private final LoggerContext context;
    private final Level previousLevel;

    /** Captures lines at {@code level} and above, lowering the root logger to it meanwhile. */
    public LogCapture(Level level) {
        this.context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        WriterAppender appender =
                WriterAppender.newBuilder()
                        .setName(NAME)
                        .setTarget(lines)
                        .setLayout(PatternLayout.newBuilder().withPattern("%c %m %ex%n").build())
                        .build();
        appender.start();
        LoggerConfig root = config.getRootLogger();
        this.previousLevel = root.getLevel();
        root.addAppender(appender, level, null);
        root.setLevel(level);
        context.updateLoggers();
    }

    public String text() {
        synchronized (lines) {
            return lines.toString();
        }
    }

    @Override
    public void close() {
        LoggerConfig root = context.getConfiguration().getRootLogger();
        root.removeAppender(NAME);
        root.setLevel(previousLevel);
        context.updateLoggers();
    }
}
