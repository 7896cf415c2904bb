/*
 * A bounded random-request test of netkit-helper's request parser (issue 18: clang's libFuzzer is not installed, so
 * this is the fallback the issue names). Built with AddressSanitizer and UBSan by the Maven build and run by
 * dev.netkit.capture.HelperRequestFuzzTest: a fixed seed and a fixed count, so a failure repeats and the run is
 * bounded (about a second).
 *
 * Every request is a valid one mutated (bytes flipped, inserted, deleted, fields swapped, cut) or random bytes.
 * Checked for each: the parser never reads or writes out of bounds (the sanitizers abort), a refusal always says
 * why, and an accepted request holds only values in range and prints back to exactly the line it came from.
 *
 * Usage: netkit-helper-fuzz [COUNT [SEED]]; prints "accepted N refused M" and exits 0, or names the first bad case.
 */
#define NETKIT_HELPER_NO_MAIN
#include "../../main/c/netkit-helper.c"

static const char *seeds[] = {
    "capture eth0 262144 1 ",
    "inject nk0-v1 256 0 arp or (icmp and host 198.18.1.1)",
    "capture lo 65535 0 tcp[tcpflags] & (tcp-syn|tcp-ack) != 0",
    "inject veth.10@x 1 1 ether proto 0x0806",
    "socket eth0 tcp4",
    "socket nk0-v1 icmp6",
    "socket lo ip4send",
};

static const char *tokens[] = {
    "capture", "inject", "socket", "tcp4", "tcp6", "icmp4", "icmp6", "ip4send", "packet", "exec", " ", "  ", "0", "1", "2", "-1", "262144", "262145", "0001", "99999999",
    "../../etc/passwd", "/bin/sh", "$(id)", ";", "|", "\t", "\n", "\x7f", "\xff", "eth0", "lo", "abcdefghijklmnop",
    "abcdefghijklmno", ".", "..", "-x",
};

static unsigned long long state;

static unsigned rnd(unsigned n) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL; /* Knuth's MMIX LCG */
    return (unsigned) (state >> 33) % n;
}

/* One mutated request in buf (not NUL-terminated, may hold NULs); returns its length. */
static size_t make(char *buf, size_t cap) {
    size_t n = 0;
    if (rnd(10) == 0) {
        n = rnd(64);
        for (size_t i = 0; i < n; i++) {
            buf[i] = (char) rnd(256);
        }
        return n;
    }
    const char *s = seeds[rnd(sizeof seeds / sizeof *seeds)];
    n = strlen(s);
    memcpy(buf, s, n);
    int edits = 1 + (int) rnd(4);
    for (int e = 0; e < edits; e++) {
        unsigned kind = rnd(5);
        size_t at = n == 0 ? 0 : rnd((unsigned) n + 1);
        if (kind == 0 && n > 0 && at < n) {                 /* flip a byte */
            buf[at] = (char) rnd(256);
        } else if (kind == 1 && n > 0 && at < n) {          /* delete a run */
            size_t k = 1 + rnd(8);
            k = k > n - at ? n - at : k;
            memmove(buf + at, buf + at + k, n - at - k);
            n -= k;
        } else if (kind == 2) {                              /* insert a token */
            const char *t = tokens[rnd(sizeof tokens / sizeof *tokens)];
            size_t k = strlen(t);
            if (n + k < cap) {
                memmove(buf + at + k, buf + at, n - at);
                memcpy(buf + at, t, k);
                n += k;
            }
        } else if (kind == 3) {                              /* cut */
            n = at;
        } else if (n + 600 < cap) {                          /* grow past the limits */
            size_t k = rnd(3000);
            k = n + k < cap ? k : cap - n;
            memset(buf + n, 'a' + (int) rnd(26), k);
            n += k;
        }
    }
    return n;
}

static int fail(const char *what, const char *buf, size_t n) {
    fprintf(stderr, "FAIL: %s: request of %zu bytes: '%.*s'\n", what, n, (int) (n > 200 ? 200 : n), buf);
    return 1;
}

int main(int argc, char **argv) {
    long count = argc > 1 ? atol(argv[1]) : 200000;
    state = argc > 2 ? strtoull(argv[2], NULL, 10) : 18;
    static char buf[MAX_LINE * 3];
    static char back[MAX_LINE * 3];
    long accepted = 0, refused = 0;
    for (long i = 0; i < count; i++) {
        size_t n = make(buf, sizeof buf);
        /* the parser gets exactly n bytes in a heap block of n, so ASan sees a read past the end */
        char *exact = malloc(n == 0 ? 1 : n);
        memcpy(exact, buf, n);
        struct request r;
        const char *why = NULL;
        int rc = parse_request(exact, n, &r, &why);
        if (rc != 0) {
            refused++;
            if (why == NULL || *why == 0) {
                free(exact);
                return fail("refused without a reason", buf, n);
            }
        } else {
            accepted++;
            int len = r.op == OP_SOCKET ? (r.kind < 0 || r.kind >= KINDS ? -1
                    : snprintf(back, sizeof back, "socket %s %s", r.ifname, kinds[r.kind].name))
                    : snprintf(back, sizeof back, "%s %s %d %d %s", r.op == OP_INJECT ? "inject" : "capture", r.ifname,
                    r.snaplen, r.promisc, r.filter);
            if ((r.op != OP_SOCKET && (r.snaplen < 1 || r.snaplen > MAX_SNAPLEN || (r.promisc != 0 && r.promisc != 1)))
                    || !valid_ifname(r.ifname, strlen(r.ifname))) {
                free(exact);
                return fail("accepted a value out of range", buf, n);
            }
            if (len < 0 || (size_t) len != n || memcmp(back, exact, n) != 0) {
                free(exact);
                return fail("accepted request does not print back to itself", buf, n);
            }
        }
        free(exact);
    }
    /* the refusals that matter, stated once each */
    static const char *must_refuse[] = {
        "capture eth0 262145 1 ", "capture eth0 0 1 ", "capture eth0 0100 1 ", "capture eth0 100 2 ",
        "capture ../x 100 1 ", "capture a/b 100 1 ", "capture eth0 100 1", "exec eth0 100 1 ",
        "capture abcdefghijklmnop 100 1 ", "capture eth0  100 1 ", "capture eth0 100 1 host\t1", "capture  100 1 ",
        "socket eth0", "socket eth0 tcp", "socket eth0 tcp4 ", "socket  tcp4", "socket eth0  tcp4",
        "socket ../x tcp4", "socket eth0 packet", "socket eth0 TCP4", "socket eth0 tcp4 icmp4", "socket eth0 /bin/sh",
    };
    for (size_t i = 0; i < sizeof must_refuse / sizeof *must_refuse; i++) {
        struct request r;
        const char *why = NULL;
        if (parse_request(must_refuse[i], strlen(must_refuse[i]), &r, &why) == 0) {
            return fail("accepted what it must refuse", must_refuse[i], strlen(must_refuse[i]));
        }
    }
    for (size_t i = 0; i < sizeof seeds / sizeof *seeds; i++) {
        struct request r;
        const char *why = NULL;
        if (parse_request(seeds[i], strlen(seeds[i]), &r, &why) != 0) {
            return fail(why, seeds[i], strlen(seeds[i]));
        }
    }
    printf("accepted %ld refused %ld\n", accepted, refused);
    return accepted > 0 && refused > 0 ? 0 : fail("the mutations never reached both outcomes", "", 0);
}
