package arkiv.opensearch;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.opensearch.analysis.common.CommonAnalysisPlugin;
import org.opensearch.common.settings.Settings;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.transport.Netty4Plugin;

/**
 * One node of arkiv's test cluster: OpenSearch's own {@link Node}, given the plugins that a
 * distribution loads from its modules folder as classes on the classpath instead. Netty4 is the
 * HTTP and transport layer; analysis-common has the {@code norwegian} analyzer, the stemmers,
 * {@code asciifolding} and the decompounders that arkiv's mapping uses.
 *
 * <p>Every setting comes from {@code -Dopensearch.*} system properties (start.sh sets them), read
 * as {@code opensearch.yml} would be. The node runs until the process is ended.
 */
public final class TestNode extends Node {
    /** The plugins a distribution would load from its modules folder. */
    private static final List<Class<? extends Plugin>> PLUGINS = List.of(CommonAnalysisPlugin.class, Netty4Plugin.class);

    private TestNode(Settings settings, Path config) {
        super(
            InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), config, () -> settings.get("node.name")),
            PLUGINS,
            true
        );
    }

    /** Starts the node and keeps the process alive; closing it on shutdown flushes its shards. */
    public static void main(String[] args) throws Exception {
        Settings.Builder settings = Settings.builder();
        System.getProperties().stringPropertyNames().stream()
            .filter(name -> name.startsWith("opensearch."))
            .forEach(name -> settings.put(name.substring("opensearch.".length()), System.getProperty(name)));
        Path home = Path.of(settings.get("path.home"));
        TestNode node = new TestNode(settings.build(), home.resolve("config"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception e) {
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }));
        node.start();
        stopped.await();
    }
}
