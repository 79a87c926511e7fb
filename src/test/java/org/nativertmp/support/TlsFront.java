package org.nativertmp.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A TLS terminator on 127.0.0.1 in front of a plain TCP server (nginx-rtmp, the recorder): nginx's
 * stream module, one process in the foreground, stopped by its PID. {@link #port()} speaks TLS 1.2
 * and 1.3 with {@link TestCertificates}' server certificate; {@link #tls13OnlyPort()} only TLS 1.3,
 * {@link #tls12OnlyPort()} only TLS 1.2.
 * Every session's SNI ({@code $ssl_server_name}) goes to {@link #sniLog()} when it ends.
 */
public final class TlsFront implements AutoCloseable {
    public static final String MODULE = "/usr/lib/nginx/modules/ngx_stream_module.so";
    private static final int START_ATTEMPTS = 5;

    private final int port;
    private final int tls13OnlyPort;
    private final int tls12OnlyPort;
    private final NginxProcess nginx;

    private TlsFront(int port, int tls13OnlyPort, int tls12OnlyPort, NginxProcess nginx) {
        this.port = port;
        this.tls13OnlyPort = tls13OnlyPort;
        this.tls12OnlyPort = tls12OnlyPort;
        this.nginx = nginx;
    }

    /** Starts it in front of 127.0.0.1:{@code backendPort}; fails on CI, skips elsewhere, without nginx's stream module. */
    public static TlsFront start(Path workDir, TestCertificates certificates, int backendPort)
            throws IOException, InterruptedException {
        String nginx = RealPeers.require("nginx", "/usr/sbin/nginx");
        RealPeers.requireThat(Files.exists(Path.of(MODULE)), MODULE + " is missing (Debian package libnginx-mod-stream)");
        Path dir = workDir.toAbsolutePath();
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int port = FreePort.pick();
            int tls13OnlyPort = FreePort.pick();
            int tls12OnlyPort = FreePort.pick();
            NginxProcess process = NginxProcess.launch(nginx, dir,
                    config(dir, certificates, backendPort, port, tls13OnlyPort, tls12OnlyPort));
            if (process.awaitStarted(Duration.ofSeconds(10), port, tls13OnlyPort, tls12OnlyPort)) {
                return new TlsFront(port, tls13OnlyPort, tls12OnlyPort, process);
            }
        }
        throw new IOException("nginx (TLS front) could not bind its ports in " + START_ATTEMPTS + " attempts");
    }

    private static String config(Path dir, TestCertificates certificates, int backendPort, int port, int tls13OnlyPort,
            int tls12OnlyPort) {
        String proxy = " proxy_pass 127.0.0.1:" + backendPort + "; }";
        return NginxProcess.head(MODULE, dir) + String.join("\n",
                "stream {",
                "  log_format sni '$ssl_server_name $ssl_protocol';",
                "  access_log " + dir.resolve("logs/sni.log") + " sni;",
                "  ssl_certificate " + certificates.serverPem().toAbsolutePath() + ";",
                "  ssl_certificate_key " + certificates.serverKey().toAbsolutePath() + ";",
                "  server { listen 127.0.0.1:" + port + " ssl; ssl_protocols TLSv1.2 TLSv1.3;" + proxy,
                "  server { listen 127.0.0.1:" + tls13OnlyPort + " ssl; ssl_protocols TLSv1.3;" + proxy,
                "  server { listen 127.0.0.1:" + tls12OnlyPort + " ssl; ssl_protocols TLSv1.2;" + proxy,
                "}",
                "");
    }

    public int port() {
        return port;
    }

    public int tls13OnlyPort() {
        return tls13OnlyPort;
    }

    /**
     * Only TLS 1.2: Debian's librtmp1 (GnuTLS) fails the RTMP handshake after a TLS 1.3 handshake
     * ("RTMP_Connect1, handshake failed"), and succeeds with TLS 1.2.
     */
    public int tls12OnlyPort() {
        return tls12OnlyPort;
    }

    /** One line per finished session: the SNI name ("-" for none) and the TLS version. */
    public String sniLog() throws IOException {
        return nginx.log("sni.log");
    }

    public String errorLog() throws IOException {
        return nginx.log("error.log");
    }

    @Override
    public void close() throws InterruptedException {
        nginx.close();
    }
}
