package dev.shadowtrainer.model;

import dev.shadowtrainer.cli.VersionProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * What a model's provenance records about the software and machine that made it: product version,
 * versions of the libraries that shape training, the git commit of the working folder, and the JVM and
 * OS. Versions are read from the jars on the classpath, never written into the code.
 */
final class BuildFacts {
    static final String UNKNOWN = "unknown";
    private static final long GIT_TIMEOUT_MS = 3000;
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}([0-9a-f]{24})?");

    /** A library by Maven coordinates, and a class of it whose jar manifest may carry the version. */
    private record Library(String group, String artifact, String probeClass) {
        String key() {
            return group + ":" + artifact;
        }
    }

    private static final List<Library> LIBRARIES = List.of(
            new Library("org.deeplearning4j", "deeplearning4j-nn", "org.deeplearning4j.nn.graph.ComputationGraph"),
            new Library("org.nd4j", "nd4j-api", "org.nd4j.linalg.factory.Nd4j"),
            new Library("org.nd4j", "nd4j-native", "org.nd4j.linalg.cpu.nativecpu.CpuBackend"),
            new Library("org.ta4j", "ta4j-core", "org.ta4j.core.BarSeries"),
            new Library("org.knowm.xchange", "xchange-core", "org.knowm.xchange.Exchange"),
            new Library("org.jdbi", "jdbi3-core", "org.jdbi.v3.core.Jdbi"),
            new Library("org.flywaydb", "flyway-core", "org.flywaydb.core.Flyway"),
            new Library("info.picocli", "picocli", "picocli.CommandLine"),
            new Library("com.fasterxml.jackson.core", "jackson-databind", "com.fasterxml.jackson.databind.ObjectMapper"),
            new Library("org.postgresql", "postgresql", "org.postgresql.Driver"),
            new Library("com.h2database", "h2", "org.h2.Driver"));

    private BuildFacts() {
    }

    static String productVersion() {
        return VersionProvider.version();
    }

    /**
     * {@code group:artifact} to version for the libraries above: from the {@code pom.properties} in the
     * jar that holds the library's probe class (not the first one on the classpath: nd4j's shaded jars
     * carry other libraries' pom.properties under the same names), else that jar's manifest
     * Implementation-Version, else {@value #UNKNOWN}.
     */
    static Map<String, String> dependencyVersions() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Library library : LIBRARIES) {
            out.put(library.key(), version(library));
        }
        return out;
    }

    private static String version(Library library) {
        ClassLoader loader = BuildFacts.class.getClassLoader();
        URL probe = loader.getResource(library.probeClass().replace('.', '/') + ".class");
        if (probe == null) {
            return UNKNOWN;
        }
        String pom = "META-INF/maven/" + library.group() + "/" + library.artifact() + "/pom.properties";
        String location = probe.toString();
        int inJar = location.indexOf("!/");
        String fromPom = null;
        if ("jar".equals(probe.getProtocol()) && inJar > 0) {
            fromPom = pomVersion(location.substring(0, inJar + 2) + pom);
        }
        if (fromPom != null) {
            return fromPom;
        }
        try {
            Package pkg = Class.forName(library.probeClass(), false, loader).getPackage();
            String v = pkg == null ? null : pkg.getImplementationVersion();
            return v == null || v.isBlank() ? UNKNOWN : v.trim();
        } catch (ClassNotFoundException | LinkageError e) {
            return UNKNOWN;
        }
    }

    /** The version in the pom.properties at {@code url}, or null when there is none. */
    private static String pomVersion(String url) {
        try {
            URLConnection connection = new URL(url).openConnection();
            connection.setUseCaches(false);
            try (InputStream in = connection.getInputStream()) {
                Properties p = new Properties();
                p.load(in);
                String v = p.getProperty("version");
                return v == null || v.isBlank() ? null : v.trim();
            }
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * {@code git rev-parse HEAD} in {@code dir}, or {@value #UNKNOWN} when git is missing, {@code dir} is
     * not in a repository, or git takes longer than a few seconds.
     */
    static String gitCommit(Path dir) {
        Process process = null;
        try {
            process = new ProcessBuilder("git", "rev-parse", "HEAD")
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
            process.getOutputStream().close();
            if (!process.waitFor(GIT_TIMEOUT_MS, TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                return UNKNOWN;
            }
            String out = new String(process.getInputStream().readNBytes(256), StandardCharsets.UTF_8).trim();
            return COMMIT.matcher(out).matches() ? out : UNKNOWN;
        } catch (IOException e) {
            return UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNKNOWN;
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /** JVM and OS as the JVM reports them. */
    static ModelMetadata.Platform platform() {
        return new ModelMetadata.Platform(property("java.version"), property("java.vendor"),
                property("java.vm.name"), property("os.name"), property("os.version"), property("os.arch"));
    }

    private static String property(String key) {
        String v = System.getProperty(key);
        return v == null || v.isBlank() ? UNKNOWN : v;
    }
}
