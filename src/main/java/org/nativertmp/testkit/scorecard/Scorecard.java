package org.nativertmp.testkit.scorecard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.nativertmp.testkit.CompareOptions;
import org.nativertmp.testkit.SampleFlv;
import org.nativertmp.testkit.ScriptedRtmpServer;

/**
 * Runs a client through the scenarios and compares it with librtmp in each: the scorecard. For
 * every scenario, librtmp ({@link LibrtmpClient}, the reference) and then the client meet a
 * {@link org.nativertmp.testkit.ScriptedRtmpServer} running the scenario's script; what each sent
 * is compared at the kit's semantic level, what each delivered (a player's FLV tags) tag by tag,
 * and how each ended. A row leaves out the differences its role's baseline row has (the client's
 * connect properties, say, which every scenario would repeat), so it shows what the scenario
 * itself brings out. A client that does not finish within the time limit is stopped: the verdict
 * is then "failed".
 *
 * <pre>{@code
 * ScorecardResult result = Scorecard.of(myClient).run();
 * System.out.print(result.toText());
 * }</pre>
 *
 * Rows are run when asked for, each once: the baseline of a role before any other row of it.
 */
public final class Scorecard {
    /** How many differences in what was sent a row lists; the rest are counted. */
    private static final int MAX_SENT_LINES = 8;
    private static final String SENT = ObservationComparison.SENT;

    private final ScorecardClient client;
    private final ScorecardClient reference;
    private final List<Scenario> scenarios;
    private final Duration timeout;
    private final CompareOptions options;
    private final Consumer<ScorecardRow> progress;
    private final Map<String, ScorecardRow> done = new LinkedHashMap<>();
    private final Map<Role, Set<String>> baselineKeys = new EnumMap<>(Role.class);

    private Scorecard(Builder b) {
        this.client = b.client;
        this.reference = b.reference;
        this.scenarios = b.scenarios.stream().filter(s -> b.client.supports(s.role())).toList();
        this.timeout = b.timeout;
        this.options = b.options;
        this.progress = b.progress;
    }

    /** The whole corpus, librtmp as the reference, the default limits. */
    public static Scorecard of(ScorecardClient client) {
        return builder(client).build();
    }

    public static Builder builder(ScorecardClient client) {
        return new Builder(client);
    }

    /** The scenarios this scorecard runs: those of the roles the client takes. */
    public List<Scenario> scenarios() {
        return scenarios;
    }

    public ScorecardClient client() {
        return client;
    }

    /** Runs every scenario (those already run are not run again) and returns the whole table. */
    public ScorecardResult run() throws IOException, InterruptedException {
        long start = System.nanoTime();
        List<ScorecardRow> rows = new ArrayList<>();
        for (Scenario s : scenarios) {
            rows.add(run(s));
        }
        return new ScorecardResult(client.name(), reference.name(), options, rows,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** The row of one scenario, run now unless it ran before (its role's baseline first). */
    public synchronized ScorecardRow run(Scenario scenario) throws IOException, InterruptedException {
        ScorecardRow row = done.get(scenario.name());
        if (row != null) {
            return row;
        }
        Optional<Scenario> baseline = Corpus.baseline(scenarios, scenario.role());
        Set<String> known = Set.of();
        if (baseline.isPresent() && !baseline.get().name().equals(scenario.name())) {
            run(baseline.get());
            known = baselineKeys.get(scenario.role());
        }
        row = compare(scenario, known);
        done.put(scenario.name(), row);
        progress.accept(row);
        return row;
    }

    /** The row of the scenario named {@code name}. */
    public ScorecardRow run(String name) throws IOException, InterruptedException {
        return run(scenario(name));
    }

    /**
     * The scenario named {@code name} among those this scorecard runs.
     *
     * @throws IllegalArgumentException naming the scenarios there are
     */
    public Scenario scenario(String name) {
        return scenarios.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no scenario '" + name + "'; there are: "
                        + String.join(", ", scenarios.stream().map(Scenario::name).toList())));
    }

    private ScorecardRow compare(Scenario scenario, Set<String> known) throws IOException, InterruptedException {
        Path flv = null;
        try {
            if (scenario.role() == Role.PUBLISH) {
                flv = Files.createTempFile("scorecard-" + scenario.name(), ".flv");
                Files.write(flv, SampleFlv.file(scenario.publishTags()));
            }
            Observation r;
            Observation c;
            try (ScriptedRtmpServer server = ClientRunner.server(scenario)) {
                r = ClientRunner.observe(server, reference, scenario, flv, timeout);
                c = ClientRunner.observe(server, client, scenario, flv, timeout);
            }
            List<ObservationComparison.Finding> findings = ObservationComparison.compare(r, c, scenario.role(), options);
            if (Corpus.baselineName(scenario.role()).equals(scenario.name())) {
                Set<String> keys = new HashSet<>();
                findings.forEach(f -> keys.add(f.key()));
                baselineKeys.put(scenario.role(), keys);
            }
            List<String> differences = new ArrayList<>();
            int leftOut = 0;
            int sentLines = 0;
            int moreSent = 0;
            int afterSent = 0;
            for (ObservationComparison.Finding f : findings) {
                if (known.contains(f.key())) {
                    leftOut++;
                } else if (f.text().startsWith(SENT) && ++sentLines > MAX_SENT_LINES) {
                    moreSent++;
                } else {
                    differences.add(f.text());
                    afterSent = f.text().startsWith(SENT) ? differences.size() : afterSent;
                }
            }
            if (moreSent > 0) {
                differences.add(afterSent, SENT + moreSent + " more differences");
            }
            Verdict verdict = r.outcome().failed() || c.outcome().failed() ? Verdict.FAILED
                    : differences.isEmpty() ? Verdict.SAME : Verdict.DIFFERS;
            if (r.outcome().failed()) {
                differences.add(0, "the reference failed: " + r.client() + " " + r.outcome());
            }
            return new ScorecardRow(scenario, verdict, differences, leftOut, r, c, scenario.check().violation(r),
                    scenario.check().violation(c));
        } finally {
            if (flv != null) {
                Files.deleteIfExists(flv);
            }
        }
    }

    /** What a scorecard runs and how. */
    public static final class Builder {
        private final ScorecardClient client;
        private ScorecardClient reference = new LibrtmpClient();
        private List<Scenario> scenarios;
        private Duration timeout = Duration.ofSeconds(20);
        private CompareOptions options = CompareOptions.semantic();
        private Consumer<ScorecardRow> progress = row -> { };

        private Builder(ScorecardClient client) {
            this.client = Objects.requireNonNull(client, "client");
        }

        /** The scenarios to run. Default: {@link Corpus#scenarios()}. */
        public Builder scenarios(List<Scenario> scenarios) {
            this.scenarios = List.copyOf(scenarios);
            return this;
        }

        /** The reference client. Default: librtmp through {@link LibrtmpClient}. */
        public Builder reference(ScorecardClient reference) {
            this.reference = Objects.requireNonNull(reference, "reference");
            return this;
        }

        /** How long one client may take in one scenario before it counts as hung. Default 20 s. */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /** The level what the clients sent is compared at. Default: {@link CompareOptions#semantic()}. */
        public Builder compareOptions(CompareOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Called with every row once it has run (to print progress). */
        public Builder progress(Consumer<ScorecardRow> progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        public Scorecard build() {
            if (scenarios == null) {
                scenarios = Corpus.scenarios();
            }
            return new Scorecard(this);
        }
    }
}
