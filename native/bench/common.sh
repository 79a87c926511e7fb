# Sourced by the bench scripts (run.sh, latency.sh, transports.sh, virtual-threads.sh), from the
# project's root: builds the bench sources (-Pbench: src/bench/java, JMH and Red5's client) and
# runs one of their main classes.
#
#   bench_main JAVA CLASS [JVM ARGUMENT ...]    # CLASS in org.nativertmp.bench; never returns

bench_main() {
  local java=$1 main=$2
  shift 2
  mvn -B -q -Pbench test-compile
  local classpath="target/test-classes:target/classes:$(cat target/bench.classpath)"
  exec "$java" -cp "$classpath" -Dlogback.configurationFile=native/bench/logback-bench.xml "$@" \
    "org.nativertmp.bench.$main"
}
