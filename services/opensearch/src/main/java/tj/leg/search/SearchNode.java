package tj.leg.search;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.opensearch.Version;
import org.opensearch.analysis.common.CommonAnalysisModulePlugin;
import org.opensearch.common.logging.LogConfigurator;
import org.opensearch.common.settings.Settings;
import org.opensearch.env.Environment;
import org.opensearch.node.InternalSettingsPreparer;
import org.opensearch.node.Node;
import org.opensearch.plugins.Plugin;
import org.opensearch.plugins.PluginInfo;
import org.opensearch.transport.Netty4ModulePlugin;

/**
 * One OpenSearch node on 127.0.0.1 whose modules come from the class path.
 *
 * <p>A distribution finds its modules in a folder of zips; here they are jars on the
 * class path, so they are handed to the node by class, which is what the node's
 * protected constructor is for. Usage: {@code SearchNode HOME HTTP_PORT}.
 */
public final class SearchNode {

    private static final List<Class<? extends Plugin>> MODULES =
            List.of(Netty4ModulePlugin.class, CommonAnalysisModulePlugin.class);

    private SearchNode() {}

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]).toAbsolutePath();
        int httpPort = Integer.parseInt(args[1]);
        Files.createDirectories(home.resolve("config"));

        Settings settings = Settings.builder()
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("cluster.name", "legtj-test")
                .put("node.name", "legtj-search")
                .put("discovery.type", "single-node")
                .put("network.host", "127.0.0.1")
                .put("http.port", httpPort)
                .put("transport.port", httpPort + 100)
                // A test machine's disk may be fuller than a server's; never refuse to allocate for it.
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .build();

        LogConfigurator.configureWithoutConfig(settings);
        Environment environment = InternalSettingsPreparer.prepareEnvironment(settings, Map.of(), null, () -> "legtj-search");
        List<PluginInfo> modules = MODULES.stream()
                .map(module -> new PluginInfo(module.getName(), "class path module", "NA", Version.CURRENT, "21",
                        module.getName(), List.of(), false))
                .toList();

        Node node = new Node(environment, modules, true) {};
        node.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                node.close();
            } catch (Exception ignored) {
                // The process is ending; the data folder is thrown away with it.
            }
            stopped.countDown();
        }));
        stopped.await();
    }
}
