package org.parkwatch.deploy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class alone among the classes marked with it, across the integration-test JVMs running side by side
 * (failsafe's forkCount): a lock on a file under target/ is held from before the class's first test to after its
 * last. Marked are the classes that run several pipeline processes and judge recovery times; two of them at once on
 * two cores starve each other past their timeouts, while a light class beside one costs little.
 */
public final class OneAtATime implements BeforeAllCallback, AfterAllCallback {

    private static final Path LOCK = Path.of("target", "one-at-a-time.lock");
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OneAtATime.class);

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Files.createDirectories(LOCK.getParent());
        FileChannel channel = FileChannel.open(LOCK, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.lock(); // waits while another JVM's marked class runs
        context.getStore(NAMESPACE).put("lock", new Held(channel, lock));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        Held held = context.getStore(NAMESPACE).remove("lock", Held.class);
        if (held != null) {
            held.close();
        }
    }

    /** The lock and its channel; closed by the store too, should afterAll not run. */
    private record Held(FileChannel channel, FileLock lock) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws IOException {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        }
    }
}
