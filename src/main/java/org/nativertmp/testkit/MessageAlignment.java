package org.nativertmp.testkit;

import java.util.ArrayList;
import java.util.List;

/**
 * Aligns two message sequences by a key (a longest common subsequence), so that a message only
 * one side has is one unpaired row and the messages after it still pair up. The common head and
 * tail are paired first; what lies between is aligned exactly while it fits in
 * {@link #MAX_TABLE_CELLS} (one byte per cell), and paired position by position beyond that.
 * Where one side has a run of messages the other lacks, the expected side's come first.
 */
final class MessageAlignment {
    /** 32 MiB of directions: 5,000 by 6,000 differing messages in the middle. */
    static final long MAX_TABLE_CELLS = 32L << 20;
    private static final byte DIAGONAL = 0;
    private static final byte UP = 1;
    private static final byte LEFT = 2;

    /** One row: indexes into the two sequences, -1 where a side has nothing. */
    record Pair(int expected, int actual) {
        boolean paired() {
            return expected >= 0 && actual >= 0;
        }
    }

    private MessageAlignment() {
    }

    static List<Pair> align(List<String> a, List<String> b) {
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        List<Pair> rows = new ArrayList<>();
        for (int i = 0; i < head; i++) {
            rows.add(new Pair(i, i));
        }
        List<String> midA = a.subList(head, a.size() - tail);
        List<String> midB = b.subList(head, b.size() - tail);
        if ((long) midA.size() * midB.size() <= MAX_TABLE_CELLS) {
            for (Pair p : lcs(midA, midB)) {
                rows.add(new Pair(p.expected < 0 ? -1 : p.expected + head, p.actual < 0 ? -1 : p.actual + head));
            }
        } else {
            for (int i = 0; i < Math.max(midA.size(), midB.size()); i++) {
                rows.add(new Pair(i < midA.size() ? head + i : -1, i < midB.size() ? head + i : -1));
            }
        }
        for (int k = tail; k > 0; k--) {
            rows.add(new Pair(a.size() - k, b.size() - k));
        }
        return rows;
    }

    private static List<Pair> lcs(List<String> a, List<String> b) {
        int n = a.size();
        int m = b.size();
        byte[] dir = new byte[n * m];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                if (a.get(i - 1).equals(b.get(j - 1))) {
                    current[j] = previous[j - 1] + 1;
                    dir[(i - 1) * m + (j - 1)] = DIAGONAL;
                } else if (previous[j] > current[j - 1]) {
                    current[j] = previous[j];
                    dir[(i - 1) * m + (j - 1)] = UP;
                } else {
                    current[j] = current[j - 1];
                    dir[(i - 1) * m + (j - 1)] = LEFT;
                }
            }
            int[] t = previous;
            previous = current;
            current = t;
        }
        List<Pair> reversed = new ArrayList<>();
        int i = n;
        int j = m;
        while (i > 0 || j > 0) {
            if (i == 0) {
                reversed.add(new Pair(-1, --j));
            } else if (j == 0) {
                reversed.add(new Pair(--i, -1));
            } else {
                byte d = dir[(i - 1) * m + (j - 1)];
                if (d == DIAGONAL) {
                    reversed.add(new Pair(--i, --j));
                } else if (d == UP) {
                    reversed.add(new Pair(--i, -1));
                } else {
                    reversed.add(new Pair(-1, --j));
                }
            }
        }
        List<Pair> rows = new ArrayList<>(reversed.size());
        for (int k = reversed.size() - 1; k >= 0; k--) {
            rows.add(reversed.get(k));
        }
        return rows;
    }
}
