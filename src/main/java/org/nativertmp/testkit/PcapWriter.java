package org.nativertmp.testkit;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a transcript as a classic libpcap file (LINKTYPE_ETHERNET): a TCP connection between
 * 127.0.0.1 ports, opened with a three-way handshake, carrying both sides' bytes in the order the
 * recorder saw them, with sequence and acknowledgement numbers and checksums as a real
 * connection has them, and closed with FINs. The server's port is written as 1935, the port
 * Wireshark's RTMP dissector (rtmpt) listens on; the client keeps its recorded port.
 */
final class PcapWriter {
    /** The port Wireshark decodes as RTMP (IANA "macromedia-fcs"). */
    static final int RTMP_PORT = 1935;
    /** A client port for transcripts that did not record one (rebuilt from raw bytes). */
    private static final int DEFAULT_CLIENT_PORT = 50_000;
    private static final int PCAP_MAGIC = 0xA1B2C3D4;
    private static final int LINKTYPE_ETHERNET = 1;
    private static final int SNAPLEN = 65_535;
    /** A typical Ethernet MSS: large messages become several segments, as on a real link. */
    private static final int MAX_SEGMENT = 1460;
    private static final int ETHERNET_HEADER = 14;
    private static final int IPV4_HEADER = 20;
    private static final int TCP_HEADER = 20;
    private static final int ETHERTYPE_IPV4 = 0x0800;
    private static final int PROTOCOL_TCP = 6;
    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int PSH = 0x08;
    private static final int ACK = 0x10;
    private static final byte[] LOOPBACK = {127, 0, 0, 1};
    /** Synthetic time between packets. */
    private static final long PACKET_INTERVAL_MICROS = 100;

    private final DataOutputStream out;
    private final int clientPort;
    private long clientSeq = 1_000;
    private long serverSeq = 5_000;
    private long micros;
    private int ipId;

    private PcapWriter(OutputStream out, int clientPort) {
        this.out = new DataOutputStream(out);
        this.clientPort = clientPort;
    }

    static void write(WireTranscript t, Path file) throws IOException {
        int port = t.clientPort() > 0 && t.clientPort() != RTMP_PORT ? t.clientPort() : DEFAULT_CLIENT_PORT;
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file))) {
            PcapWriter w = new PcapWriter(os, port);
            w.fileHeader();
            w.connection(t.raw(), t.serverRaw(), t);
            w.out.flush();
        }
    }

    private void connection(byte[] client, byte[] server, WireTranscript t) throws IOException {
        packet(true, SYN, clientSeq++, 0, client, 0, 0);
        packet(false, SYN | ACK, serverSeq++, clientSeq, server, 0, 0);
        packet(true, ACK, clientSeq, serverSeq, client, 0, 0);
        int clientOff = 0;
        int serverOff = 0;
        for (WireTranscript.Segment s : t.segments()) {
            byte[] from = s.fromClient() ? client : server;
            int off = s.fromClient() ? clientOff : serverOff;
            int end = Math.min(from.length, off + s.length());
            for (int p = off; p < end; p += MAX_SEGMENT) {
                int n = Math.min(MAX_SEGMENT, end - p);
                if (s.fromClient()) {
                    packet(true, PSH | ACK, clientSeq, serverSeq, client, p, n);
                    clientSeq += n;
                } else {
                    packet(false, PSH | ACK, serverSeq, clientSeq, server, p, n);
                    serverSeq += n;
                }
            }
            if (s.fromClient()) {
                clientOff = end;
            } else {
                serverOff = end;
            }
        }
        packet(true, FIN | ACK, clientSeq++, serverSeq, client, 0, 0);
        packet(false, FIN | ACK, serverSeq++, clientSeq, server, 0, 0);
        packet(true, ACK, clientSeq, serverSeq, client, 0, 0);
    }

    private void fileHeader() throws IOException {
        // Written big-endian; readers take the byte order from the magic number.
        out.writeInt(PCAP_MAGIC);
        out.writeShort(2);
        out.writeShort(4);
        out.writeInt(0);
        out.writeInt(0);
        out.writeInt(SNAPLEN);
        out.writeInt(LINKTYPE_ETHERNET);
    }

    private void packet(boolean fromClient, int flags, long seq, long ack, byte[] data, int off, int len)
            throws IOException {
        int total = ETHERNET_HEADER + IPV4_HEADER + TCP_HEADER + len;
        micros += PACKET_INTERVAL_MICROS;
        out.writeInt((int) (micros / 1_000_000));
        out.writeInt((int) (micros % 1_000_000));
        out.writeInt(total);
        out.writeInt(total);
        // Ethernet: locally administered addresses, one per side.
        out.write(new byte[] {2, 0, 0, 0, 0, (byte) (fromClient ? 2 : 1)});
        out.write(new byte[] {2, 0, 0, 0, 0, (byte) (fromClient ? 1 : 2)});
        out.writeShort(ETHERTYPE_IPV4);
        byte[] ip = new byte[IPV4_HEADER];
        ip[0] = 0x45;
        put16(ip, 2, IPV4_HEADER + TCP_HEADER + len);
        put16(ip, 4, ipId++);
        ip[6] = 0x40; // don't fragment
        ip[8] = 64;
        ip[9] = PROTOCOL_TCP;
        System.arraycopy(LOOPBACK, 0, ip, 12, 4);
        System.arraycopy(LOOPBACK, 0, ip, 16, 4);
        put16(ip, 10, checksum(ip, 0, ip.length, 0));
        out.write(ip);
        byte[] tcp = new byte[TCP_HEADER + len];
        put16(tcp, 0, fromClient ? clientPort : RTMP_PORT);
        put16(tcp, 2, fromClient ? RTMP_PORT : clientPort);
        put32(tcp, 4, seq);
        put32(tcp, 8, (flags & ACK) != 0 ? ack : 0);
        tcp[12] = (byte) ((TCP_HEADER / 4) << 4);
        tcp[13] = (byte) flags;
        put16(tcp, 14, 0xFFFF);
        System.arraycopy(data, off, tcp, TCP_HEADER, len);
        put16(tcp, 16, checksum(tcp, 0, tcp.length, pseudoHeaderSum(tcp.length)));
        out.write(tcp);
    }

    /** RFC 793: the TCP checksum covers source and destination address, protocol and length. */
    private static long pseudoHeaderSum(int tcpLength) {
        long sum = 0;
        for (int i = 0; i < 4; i += 2) {
            sum += 2L * ((LOOPBACK[i] & 0xFF) << 8 | (LOOPBACK[i + 1] & 0xFF));
        }
        return sum + PROTOCOL_TCP + tcpLength;
    }

    /** RFC 1071: the ones' complement of the ones' complement sum of 16-bit words. */
    static int checksum(byte[] b, int off, int len, long initial) {
        long sum = initial;
        for (int i = off; i < off + len - 1; i += 2) {
            sum += (b[i] & 0xFF) << 8 | (b[i + 1] & 0xFF);
        }
        if ((len & 1) != 0) {
            sum += (b[off + len - 1] & 0xFF) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    private static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    private static void put32(byte[] b, int at, long v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
