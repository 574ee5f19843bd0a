package io.raftkv.chaos.cluster;

import io.raftkv.chaos.net.LinkFault;
import io.raftkv.chaos.net.LinkProxy;
import io.raftkv.client.api.NodeAddress;
import io.raftkv.testkit.ClasspathSnapshot;
import io.raftkv.testkit.FreePorts;
import io.raftkv.testkit.NodeCommand;
import io.raftkv.testkit.NodeProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Real node processes on 127.0.0.1 with a {@link LinkProxy} on every peer link.
 *
 * <p><b>How the proxies get in.</b> A node listens on the address its own {@code --cluster}
 * entry names and dials peers at the addresses the other entries name (RaftServer binds
 * {@code members.get(ownId)}; MemberDirectory seeds peers from the same map). So each node gets
 * its own cluster map: its entry is its real port, every peer's entry is the port of the proxy
 * for that directed link. A member added later has one ingress proxy shared by every peer,
 * because its address travels through the log as a single value (MemberDirectory), so links
 * into it can only be cut all at once. Clients start from the real ports; nodes' redirects
 * and status answers name proxy ports, so clients that follow them go through a link proxy.
 *
 * <p>Not thread-safe: one thread (the nemesis, or the run before and after it) drives it.
 * {@link #close} kills every process it started and closes every proxy.
 */
public final class ChaosCluster implements AutoCloseable {

    /** The node JVM's options: small and quick to start, since the nodes share the machine with the run. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx160m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=info");

    /** How long a SIGKILLed node may take to be gone before the run gives up on it. */
    private static final Duration KILL_WAIT = Duration.ofSeconds(20);

    private final Path root;
    private final String clusterId;
    private final List<String> nodeArgs;
    /**
     * The classpath node processes start with: a {@link ClasspathSnapshot} taken when the cluster
     * starts, so nodes restarted during a long run load the classes the run began with.
     */
    private String classpath;
    private final List<String> initialIds = new ArrayList<>();
    /** Every member started and not removed, in start order. */
    private final Map<String, Member> members = new LinkedHashMap<>();
    private int nextId;

    /** One node: its real port, its outbound link proxies (by target id), its process. */
    private static final class Member {
        final String id;
        final int port;
        final Map<String, LinkProxy> outbound = new LinkedHashMap<>();
        /** For a member added later: the one proxy every peer reaches it through; else null. */
        LinkProxy ingress;
        NodeProcess process;
        boolean paused;

        Member(String id, int port) {
            this.id = id;
            this.port = port;
        }
    }

    private ChaosCluster(Path root, String clusterId, List<String> nodeArgs) {
        this.root = root;
        this.clusterId = clusterId;
        this.nodeArgs = List.copyOf(nodeArgs);
    }

    /**
     * Picks ports, starts the proxies of every directed link and then {@code size} nodes n1..nN.
     * Returns at once; the nodes elect a leader on their own.
     *
     * @param root     data directories and node logs go here
     * @param nodeArgs extra NodeMain arguments for every node (e.g. tick settings)
     * @throws IOException if a port or a process cannot be had
     */
    public static ChaosCluster start(Path root, String clusterId, int size, List<String> nodeArgs) throws IOException {
        ChaosCluster c = new ChaosCluster(root, clusterId, nodeArgs);
        Files.createDirectories(root);
        try {
            c.classpath = ClasspathSnapshot.take(root.resolve("classpath"));
            for (int i = 1; i <= size; i++) {
                String id = c.newId();
                c.initialIds.add(id);
                c.members.put(id, new Member(id, FreePorts.one()));
            }
            for (Member from : c.members.values()) {
                for (Member to : c.members.values()) {
                    if (from != to) {
                        from.outbound.put(to.id, LinkProxy.start(from.id + "->" + to.id,
                                new InetSocketAddress("127.0.0.1", to.port)));
                    }
                }
            }
            for (Member m : c.members.values()) {
                c.launch(m, false);
            }
            return c;
        } catch (IOException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private String newId() {
        return "n" + (++nextId);
    }

    private void launch(Member m, boolean join) throws IOException {
        StringBuilder map = new StringBuilder(m.id + "=127.0.0.1:" + m.port);
        for (Map.Entry<String, LinkProxy> link : m.outbound.entrySet()) {
            map.append(',').append(link.getKey()).append("=127.0.0.1:").append(link.getValue().port());
        }
        NodeCommand.Builder command = NodeCommand.builder(classpath).jvmOptions(JVM_OPTIONS).id(m.id)
                .dataDir(root.resolve(m.id)).cluster(map.toString()).clusterId(clusterId)
                .args("--cache-mb", "16", "--free-disk-mb", "8").authOff();
        if (join) {
            command.join();
        }
        command.args(nodeArgs);
        m.process = NodeProcess.start(m.id, command.build(), root.resolve(m.id + ".log"));
        m.paused = false;
    }

    /** The cluster id the nodes were started with. */
    public String clusterId() {
        return clusterId;
    }

    /** The members the cluster was started with, n1..nN. */
    public List<String> initialIds() {
        return List.copyOf(initialIds);
    }

    /** Every current member, in start order. */
    public List<String> ids() {
        return List.copyOf(members.keySet());
    }

    /** Where clients can reach the initial members directly, without a proxy. */
    public List<NodeAddress> clientSeeds() {
        List<NodeAddress> out = new ArrayList<>();
        for (String id : initialIds) {
            Member m = members.get(id);
            if (m != null) {
                out.add(new NodeAddress("127.0.0.1", m.port));
            }
        }
        return out;
    }

    /** The real (unproxied) address of a member. */
    public NodeAddress address(String id) {
        return new NodeAddress("127.0.0.1", member(id).port);
    }

    private Member member(String id) {
        Member m = members.get(id);
        if (m == null) {
            throw new ChaosClusterException("no member " + id + "; members are " + members.keySet());
        }
        return m;
    }

    /**
     * Sets the fault of the link on which {@code from} talks to {@code to}. A link into a member
     * added later is its ingress, shared by every sender.
     */
    public void setLink(String from, String to, LinkFault fault) {
        Member target = member(to);
        LinkProxy proxy = target.ingress != null ? target.ingress : member(from).outbound.get(to);
        if (proxy == null) {
            throw new ChaosClusterException("no link " + from + "->" + to);
        }
        proxy.setFault(fault);
    }

    /** Heals every link. */
    public void healLinks() {
        for (Member m : members.values()) {
            m.outbound.values().forEach(p -> p.setFault(LinkFault.NONE));
            if (m.ingress != null) {
                m.ingress.setFault(LinkFault.NONE);
            }
        }
    }

    /** Whether the member's process runs (possibly paused). */
    public boolean isRunning(String id) {
        Member m = member(id);
        return m.process != null && m.process.isAlive();
    }

    /**
     * SIGKILLs a member's process (resuming it first if paused) and waits until it is gone.
     *
     * @throws io.raftkv.testkit.ProcessControlException if it survives SIGKILL for 20 s
     */
    public void kill(String id) throws InterruptedException {
        Member m = member(id);
        if (m.process != null) {
            m.process.resume();
            m.process.kill(KILL_WAIT);
            m.process = null;
            m.paused = false;
        }
    }

    /** Starts a killed member again from its data directory (its --cluster is then ignored). */
    public void restart(String id) throws IOException {
        Member m = member(id);
        if (m.process != null && m.process.isAlive()) {
            return;
        }
        launch(m, false);
    }

    /**
     * SIGSTOPs a member's process.
     *
     * @throws io.raftkv.testkit.ProcessControlException if {@code kill -STOP} fails
     */
    public void pause(String id) throws InterruptedException {
        Member m = member(id);
        if (m.process != null) {
            m.process.pause();
            m.paused = true;
        }
    }

    /**
     * SIGCONTs a member's process.
     *
     * @throws io.raftkv.testkit.ProcessControlException if {@code kill -CONT} fails
     */
    public void resume(String id) throws InterruptedException {
        Member m = member(id);
        if (m.process != null && m.paused) {
            m.process.resume();
            m.paused = false;
        }
    }

    /**
     * Starts a fresh node with {@code --join}: new id, new port, an ingress proxy and outbound
     * proxies to every current member. It serves nothing until added with AddLearner.
     *
     * @return the new member's id and the address peers reach it at (its ingress proxy)
     */
    public JoiningNode startJoiningNode() throws IOException {
        String id = newId();
        Member m = new Member(id, FreePorts.one());
        m.ingress = LinkProxy.start("*->" + id, new InetSocketAddress("127.0.0.1", m.port));
        for (Member to : members.values()) {
            LinkProxy p = to.ingress != null ? null
                    : LinkProxy.start(id + "->" + to.id, new InetSocketAddress("127.0.0.1", to.port));
            if (p != null) {
                m.outbound.put(to.id, p);
            }
        }
        members.put(id, m);
        launch(m, true);
        return new JoiningNode(id, new NodeAddress("127.0.0.1", m.ingress.port()));
    }

    /**
     * The address peers reach a member started with {@link #startJoiningNode} at.
     *
     * @throws ChaosClusterException if {@code id} is not such a member
     */
    public NodeAddress joiningAddress(String id) {
        Member m = member(id);
        if (m.ingress == null) {
            throw new ChaosClusterException(id + " is an initial member, not one started to join");
        }
        return new NodeAddress("127.0.0.1", m.ingress.port());
    }

    /** Kills a member (after it was removed from the configuration) and closes its proxies. */
    public void discard(String id) throws InterruptedException {
        Member m = member(id);
        kill(id);
        m.outbound.values().forEach(LinkProxy::close);
        if (m.ingress != null) {
            m.ingress.close();
        }
        members.remove(id);
    }

    /** Resumes paused members and restarts killed ones, so the final reads can reach a quorum. */
    public void reviveAll() throws InterruptedException, IOException {
        for (Member m : members.values()) {
            if (m.paused) {
                resume(m.id);
            }
            if (m.process == null || !m.process.isAlive()) {
                launch(m, false);
            }
        }
    }

    /** The directory holding data directories and {@code <id>.log} files. */
    public Path root() {
        return root;
    }

    /** Kills every process and closes every proxy. Idempotent; never throws. */
    @Override
    public void close() {
        for (Member m : members.values()) {
            try {
                if (m.process != null) {
                    m.process.resume();
                    m.process.kill(KILL_WAIT);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                System.err.println("chaos: " + e.getMessage());
            }
            m.process = null;
            m.outbound.values().forEach(LinkProxy::close);
            if (m.ingress != null) {
                m.ingress.close();
            }
        }
    }
}
