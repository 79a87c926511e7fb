package org.nativertmp.nativebuild;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The librtmp snapshot pinned in native/rtmpdump.properties, as the build scripts read it. */
record RtmpdumpPin(String version, String origSha256, String debianRevision) {
    static final Path FILE = Path.of("native/rtmpdump.properties");

    static RtmpdumpPin read() throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(FILE)) {
            p.load(r);
        }
        return new RtmpdumpPin(p.getProperty("rtmpdump.version"), p.getProperty("rtmpdump.orig.sha256"),
                p.getProperty("rtmpdump.debian.revision"));
    }

    RtmpdumpPin withOrigSha256(String sha256) {
        return new RtmpdumpPin(version, sha256, debianRevision);
    }

    /** Writes this pin as a file in the same format, for the scripts' NRTMP_RTMPDUMP_PIN override. */
    Path writeTo(Path file) throws IOException {
        return Files.writeString(file, "rtmpdump.version=" + version + "\nrtmpdump.orig.sha256=" + origSha256
                + "\nrtmpdump.debian.revision=" + debianRevision + "\n");
    }
}
