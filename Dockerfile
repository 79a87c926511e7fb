# Builds native-rtmp with the natives of every platform in native/build.sh's list:
#
#   docker build --target jars -o dist .      -> dist/native-rtmp.jar, dist/native-rtmp-cli.jar,
#                                                dist/native-rtmp-testkit.jar
#   docker build --target test .              -> runs the test suite (mvn verify) in the container
#
# Maven needs Maven Central. Where that takes more than the image's defaults, pass it as
# secrets (they never land in a layer; native/container/mvn.sh uses them):
#   --secret id=extra-ca,src=FILE.pem          extra CA certificates to trust (TLS-inspecting proxy)
#   --secret id=maven-settings,src=settings.xml
# native/container/build-image.sh does all this, with Docker or, where no Docker engine
# runs, with Podman and a base image made by debootstrap.
#
# The base is pinned by digest, so that every build starts from the same image: debian:bookworm
# as published on 2026-08-03 (the multi-arch index; Docker resolves the platform's image). To
# move it on, print the current digest with 'docker buildx imagetools inspect debian:bookworm'
# (or 'skopeo inspect docker://debian:bookworm', field Digest) and put it here. Under Podman,
# native/container/build-image.sh passes a base made on the machine instead
# (--build-arg BASE_IMAGE=localhost/debian:bookworm).
ARG BASE_IMAGE=debian:bookworm@sha256:813017f3d62be4b5891a7acca6a01bdcd4b8513daa81b1ab99d3a50385b26931

# ---- natives: librtmp + shim for every platform, cross-compiled ----------------------------
FROM ${BASE_IMAGE} AS native
ENV DEBIAN_FRONTEND=noninteractive
COPY native/container/ci-packages.sh /tmp/ci-packages.sh
# dpkg-dev: dpkg-source for Debian's rtmpdump source, whose deb-src entries
# native/fetch-rtmpdump.sh derives from the image's own apt sources.
RUN apt-get update -q \
 && apt-get install -y -q --no-install-recommends cmake make gcc libc6-dev dpkg-dev \
      $(bash /tmp/ci-packages.sh build) \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY CMakeLists.txt pom.xml ./
COPY native native
# The shim reports the project version and the Java side checks it: take it from pom.xml.
RUN version=$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml) \
 && test -n "$version" \
 && bash native/build.sh --out=/out --build-dir=/build --version="$version" all \
 && ls -lR /out \
 && for ref in /build/*/nrtmp-ref; do \
      mkdir -p "/ref/$(basename "$(dirname "$ref")")" && cp "$ref" "/ref/$(basename "$(dirname "$ref")")/"; \
    done

# ---- Maven: compile and pack the jars with the natives in place ---------------------------
FROM ${BASE_IMAGE} AS maven
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update -q \
 && apt-get install -y -q --no-install-recommends openjdk-17-jdk-headless maven ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY native/container/mvn.sh /usr/local/bin/nrtmp-mvn
COPY pom.xml ./
# Plugins and dependencies first, in their own layer, so a source change does not fetch again.
# resolve, not go-offline: go-offline ignores the pom's exclusions and would fetch the MINA
# "bundle" artifacts that Red5's test dependencies name (excluded, they exist nowhere).
RUN --mount=type=secret,id=extra-ca --mount=type=secret,id=maven-settings \
    nrtmp-mvn -B -q dependency:resolve dependency:resolve-plugins -Dnative.skip=true
COPY . .
COPY --from=native /out target/native
# The host's nrtmp-ref C client, where the tests look for it (pom.xml: nrtmp.ref.path).
COPY --from=native /ref target/native-build
RUN --mount=type=secret,id=extra-ca --mount=type=secret,id=maven-settings \
    nrtmp-mvn -B package -DskipTests -Dnative.skip=true \
 && ls -l target/native-rtmp.jar target/native-rtmp-cli.jar target/native-rtmp-testkit.jar

# ---- test: the test suite, against real peers, in the container ----------------------------
FROM maven AS test
# Real peers, and gcc + librtmp-dev for the comparison with the distribution's librtmp.
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nginx libnginx-mod-rtmp \
      ffmpeg rtmpdump tshark gcc libc6-dev librtmp-dev \
 && rm -rf /var/lib/apt/lists/*
# Every peer is here, but a build step may not make a private mount namespace (unshare -m):
# the tests that need one (HostResolutionTest) skip here and run on CI.
RUN --mount=type=secret,id=extra-ca --mount=type=secret,id=maven-settings \
    nrtmp-mvn -B verify -Dnative.skip=true

# ---- jars: the library, CLI and testkit jars (docker build --target jars -o dist .) -------
FROM scratch AS jars
COPY --from=maven /src/target/native-rtmp.jar /src/target/native-rtmp-cli.jar /src/target/native-rtmp-testkit.jar /
