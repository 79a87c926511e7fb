#!/usr/bin/env bash
# Runs Maven inside the container build with what the build machine passed as secrets, none
# of which stays in an image layer:
#   /run/secrets/extra-ca        PEM certificates to trust besides the image's own (e.g. a
#                                TLS-inspecting egress proxy's CA); imported into a truststore
#                                under /tmp that lives only for this command
#   /run/secrets/maven-settings  a settings.xml (mirror, proxy, credentials)
# Without them it is plain 'mvn'.
set -euo pipefail
args=()
if [ -s /run/secrets/extra-ca ]; then
  store=$(mktemp -d /tmp/truststore.XXXXXX)
  trap 'rm -rf "$store"' EXIT
  cp /etc/ssl/certs/java/cacerts "$store/cacerts"
  awk -v dir="$store" '/-----BEGIN CERTIFICATE-----/ { n++ } n { print > (dir "/extra-" n ".pem") }' \
    /run/secrets/extra-ca
  for pem in "$store"/extra-*.pem; do
    keytool -importcert -noprompt -keystore "$store/cacerts" -storepass changeit \
      -alias "build-extra-$(basename "$pem" .pem)" -file "$pem" >/dev/null
  done
  export MAVEN_OPTS="${MAVEN_OPTS:-} -Djavax.net.ssl.trustStore=$store/cacerts -Djavax.net.ssl.trustStorePassword=changeit"
fi
[ -s /run/secrets/maven-settings ] && args+=(-s /run/secrets/maven-settings)
mvn "${args[@]}" "$@"
