package pdmc.bench;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.MongoVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * Starts mongo-java-server on 127.0.0.1 with the chosen backend, for the store benchmark
 * (tools/bench/store-probe.mjs). Prints MONGO_URI=mongodb://127.0.0.1:PORT/ once bound.
 *
 * <pre>java -jar target/mongo-java-server-launcher.jar --port 0 --backend memory|h2 [--dir DIR]</pre>
 *
 * With h2 the data lives in DIR/store.mv (an H2 MVStore file); SIGTERM closes it cleanly.
 */
public final class Main {
    public static void main(String[] args) throws Exception {
        int port = 0;
        String backendName = "memory";
        String dir = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--backend" -> backendName = args[++i];
                case "--dir" -> dir = args[++i];
                default -> {
                    System.err.println("unknown argument: " + args[i]);
                    System.exit(2);
                }
            }
        }
        MongoBackend backend;
        switch (backendName) {
            case "memory" -> backend = new MemoryBackend();
            case "h2" -> {
                if (dir == null) {
                    System.err.println("--backend h2 needs --dir");
                    System.exit(2);
                }
                Files.createDirectories(Path.of(dir));
                backend = new H2Backend(Path.of(dir, "store.mv").toString());
            }
            default -> {
                System.err.println("--backend must be memory or h2");
                System.exit(2);
                return;
            }
        }
        // Its newest built-in version (5.0) reports wire version 8, below the minimum of the
        // project's Node driver (9): advertise 4.4 (wire 9), the oldest the driver accepts.
        backend.version(new MongoVersion() {
            @Override
            public List<Integer> getVersionArray() {
                return List.of(4, 4, 0);
            }

            @Override
            public int getWireVersion() {
                return 9;
            }
        });
        MongoServer server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        InetSocketAddress address = server.getLocalAddress();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown(); // closes the backend, which commits and closes the MVStore
            stopped.countDown();
        }));
        System.out.println("MONGO_URI=mongodb://127.0.0.1:" + address.getPort() + "/");
        System.out.flush();
        stopped.await();
    }
}
