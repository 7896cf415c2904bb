/*
 * netkit-helper: the one part of netkit that holds privilege (issue 18; the model is Wireshark's dumpcap and mtr's
 * mtr-packet). Installed by `sudo netkit privileges install` as root:netkit, mode 0750, with the file capabilities
 * cap_net_raw and cap_net_admin, so only members of the group netkit can run it.
 *
 * What it does, and nothing else: it reads one request line from stdin,
 *
 *     capture IFNAME SNAPLEN PROMISC FILTER        (or: inject IFNAME SNAPLEN PROMISC FILTER)
 *
 * opens a libpcap capture on that one interface with that BPF filter, drops every capability, writes the captured
 * frames to stdout as a pcap savefile stream (nanosecond timestamps) and, for `inject`, sends the frames it reads
 * from stdin (each a 4-byte big-endian length, then the frame) with pcap_inject. It stops at the end of stdin and
 * writes "stats RECEIVED DROPPED IFDROPPED" to stderr. Or, when stdin is a Unix stream socket,
 *
 *     socket IFNAME KIND                           (KIND: tcp4 tcp6 icmp4 icmp6 ip4send)
 *
 * opens that one kind of raw socket, bound to the interface (SO_BINDTODEVICE, which the caller cannot undo without
 * CAP_NET_RAW) with the kind's own fixed BPF filter, locked (SO_LOCK_FILTER), drops every capability and hands the
 * descriptor back over stdin (SCM_RIGHTS) with the reply "ok"; every refusal is also the reply "error CODE WHY".
 *
 * What it refuses (one line on stderr, then exit 2): arguments; a request line that is too long, holds a byte outside
 * printable ASCII or a field out of its range; an interface name that if_nametoindex does not find in the helper's own
 * network namespace (which is its caller's: it never calls setns); a filter that pcap_compile rejects. It takes no
 * path, program or shell command from anyone. Exit 4: libpcap was denied (the capabilities are not installed);
 * exit 1: any other failure.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/capability.h>
#include <net/if.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/filter.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define MAX_LINE 2048        /* the whole request line, newline excluded */
#define MAX_SNAPLEN 262144   /* tcpdump's largest snap length */
#define MAX_FRAME 65535      /* the largest frame inject sends */
#define BUFFER_BYTES (2 * 1024 * 1024)

#define EXIT_FAILED 1
#define EXIT_REQUEST 2
#define EXIT_PRIVILEGE 4

/*
 * The raw sockets a `socket` request may ask for, each with the filter the kernel runs before the caller reads
 * anything: only the answers a trace -T needs (SYN-ACKs and resets, headers only; ICMP errors), so a member of the
 * group cannot read other users' TCP streams through them. ip4send (IPPROTO_RAW) sends and receives nothing.
 */
#define TCP_FLAGS_ANSWER(off, keep) \
    BPF_STMT(BPF_LD | BPF_B | (off), 13), BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 0x04, 2, 0), \
    BPF_STMT(BPF_ALU | BPF_AND | BPF_K, 0x12), BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0x12, 0, 1), \
    BPF_STMT(BPF_RET | BPF_K, keep), BPF_STMT(BPF_RET | BPF_K, 0)
#define ICMP_TYPES_5(off, a, b, c, d, e) \
    BPF_STMT(BPF_LD | BPF_B | (off), 0), BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, a, 4, 0), \
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, b, 3, 0), BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, c, 2, 0), \
    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, d, 1, 0), BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, e, 0, 1), \
    BPF_STMT(BPF_RET | BPF_K, 0xffff), BPF_STMT(BPF_RET | BPF_K, 0)
/* IPv4 raw sockets read from the IP header (X = its length), IPv6 ones from the transport header */
static struct sock_filter tcp4_filter[] = { BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 0), TCP_FLAGS_ANSWER(BPF_IND, 120) };
static struct sock_filter tcp6_filter[] = { TCP_FLAGS_ANSWER(BPF_ABS, 60) };
static struct sock_filter icmp4_filter[] = { BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 0),
                                             ICMP_TYPES_5(BPF_IND, 3, 4, 5, 11, 12) };
static struct sock_filter icmp6_filter[] = { ICMP_TYPES_5(BPF_ABS, 1, 2, 3, 4, 4) };
static struct sock_filter nothing_filter[] = { BPF_STMT(BPF_RET | BPF_K, 0) };

static const struct socket_kind {
    const char *name;
    int domain;
    int protocol;
    struct sock_filter *filter;
    unsigned short length;
} kinds[] = {
    { "tcp4", AF_INET, IPPROTO_TCP, tcp4_filter, sizeof tcp4_filter / sizeof *tcp4_filter },
    { "tcp6", AF_INET6, IPPROTO_TCP, tcp6_filter, sizeof tcp6_filter / sizeof *tcp6_filter },
    { "icmp4", AF_INET, IPPROTO_ICMP, icmp4_filter, sizeof icmp4_filter / sizeof *icmp4_filter },
    { "icmp6", AF_INET6, IPPROTO_ICMPV6, icmp6_filter, sizeof icmp6_filter / sizeof *icmp6_filter },
    { "ip4send", AF_INET, IPPROTO_RAW, nothing_filter, 1 },
};
#define KINDS ((int) (sizeof kinds / sizeof *kinds))

enum operation { OP_CAPTURE, OP_INJECT, OP_SOCKET };

struct request {
    enum operation op;             /* capture only; capture and send the frames from stdin; hand over a socket */
    int kind;                      /* SOCKET: an index into kinds */
    char ifname[IF_NAMESIZE];
    int snaplen;
    int promisc;
    char filter[MAX_LINE + 1];
};

/* Decimal digits only, no sign, no leading zero, within [1, max]; -1 otherwise. */
static long parse_count(const char *s, size_t n, long max) {
    if (n == 0 || n > 7 || s[0] == '0') {
        return -1;
    }
    long v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return -1;
        }
        v = v * 10 + (s[i] - '0');
    }
    return v <= max ? v : -1;
}

/* The name characters the kernel and ip(8) commonly use; never '/', whitespace or a name of only dots. */
static int valid_ifname(const char *s, size_t n) {
    if (n == 0 || n >= IF_NAMESIZE || s[0] == '.' || s[0] == '-') {
        return 0;
    }
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == '-' || c == '@')) {
            return 0;
        }
    }
    return 1;
}

/*
 * Parses one request line of `len` bytes (no newline) into r. Returns 0, or -1 with the reason in why. Pure: no
 * system calls, so the fuzz test drives it alone (src/test/c/netkit-helper-fuzz.c).
 */
static int parse_request(const char *line, size_t len, struct request *r, const char **why) {
    memset(r, 0, sizeof *r);
    if (len > MAX_LINE) {
        *why = "request longer than 2048 bytes";
        return -1;
    }
    for (size_t i = 0; i < len; i++) {
        if (line[i] < 0x20 || line[i] > 0x7e) {
            *why = "request holds a byte outside printable ASCII";
            return -1;
        }
    }
    if (len > 7 && memcmp(line, "socket ", 7) == 0) {
        /* socket IFNAME KIND: exactly two fields after the operation */
        const char *name = line + 7, *end = line + len;
        const char *sp = memchr(name, ' ', (size_t) (end - name));
        if (sp == NULL || !valid_ifname(name, (size_t) (sp - name))) {
            *why = "request needs: socket IFNAME tcp4|tcp6|icmp4|icmp6|ip4send";
            return -1;
        }
        r->op = OP_SOCKET;
        memcpy(r->ifname, name, (size_t) (sp - name));
        for (int k = 0; k < KINDS; k++) {
            if ((size_t) (end - sp - 1) == strlen(kinds[k].name) && memcmp(sp + 1, kinds[k].name, strlen(kinds[k].name)) == 0) {
                r->kind = k;
                return 0;
            }
        }
        *why = "socket kind is none of tcp4 tcp6 icmp4 icmp6 ip4send";
        return -1;
    }
    /* four fields separated by single spaces, then the filter (the rest of the line, possibly empty) */
    const char *field[4];
    size_t flen[4];
    const char *p = line, *end = line + len;
    for (int f = 0; f < 4; f++) {
        const char *sp = memchr(p, ' ', (size_t) (end - p));
        if (sp == NULL) {
            *why = "request needs: capture|inject IFNAME SNAPLEN 0|1 FILTER";
            return -1;
        }
        field[f] = p;
        flen[f] = (size_t) (sp - p);
        p = sp + 1;
    }
    if (flen[0] == 7 && memcmp(field[0], "capture", 7) == 0) {
        r->op = OP_CAPTURE;
    } else if (flen[0] == 6 && memcmp(field[0], "inject", 6) == 0) {
        r->op = OP_INJECT;
    } else {
        *why = "operation is neither capture nor inject";
        return -1;
    }
    if (!valid_ifname(field[1], flen[1])) {
        *why = "interface name is empty, too long or holds a character other than [A-Za-z0-9._@-]";
        return -1;
    }
    memcpy(r->ifname, field[1], flen[1]);
    long snaplen = parse_count(field[2], flen[2], MAX_SNAPLEN);
    if (snaplen < 0) {
        *why = "snap length is not a number from 1 to 262144";
        return -1;
    }
    r->snaplen = (int) snaplen;
    if (flen[3] != 1 || (field[3][0] != '0' && field[3][0] != '1')) {
        *why = "promiscuous flag is neither 0 nor 1";
        return -1;
    }
    r->promisc = field[3][0] == '1';
    memcpy(r->filter, p, (size_t) (end - p));
    return 0;
}

/* Set once stdin is known to be a Unix socket: refusals go back over it as well, as the reply. */
static int reply_socket = -1;

static int refuse(int code, const char *what, const char *detail) {
    fprintf(stderr, "netkit-helper: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    if (reply_socket >= 0 && code > 0) {
        char reply[512];
        int n = snprintf(reply, sizeof reply, "error %d %s%s%s\n", code, what, detail ? ": " : "", detail ? detail : "");
        if (n > 0) {
            send(reply_socket, reply, n < (int) sizeof reply ? (size_t) n : sizeof reply - 1, MSG_NOSIGNAL);
        }
    }
    return code;
}

/* Reads the request line byte by byte, so that no frame after it is consumed here. Returns its length or -1. */
static long read_line(char *buf, size_t cap) {
    size_t n = 0;
    for (;;) {
        char c;
        ssize_t got = read(STDIN_FILENO, &c, 1);
        if (got < 0 && errno == EINTR) {
            continue;
        }
        if (got <= 0) {
            return -1;
        }
        if (c == '\n') {
            buf[n] = 0;
            return (long) n;
        }
        if (n + 1 >= cap) {
            return -1;
        }
        buf[n++] = c;
    }
}

/* Clears the effective, permitted and inheritable sets (and the ambient set); nothing can raise them again. */
static int drop_capabilities(void) {
    struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
    struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
    memset(data, 0, sizeof data);
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL) {
        return -1;
    }
    if (syscall(SYS_capset, &hdr, data) != 0 || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
        return -1;
    }
    if (syscall(SYS_capget, &hdr, data) != 0) {
        return -1;
    }
    for (int i = 0; i < _LINUX_CAPABILITY_U32S_3; i++) {
        if (data[i].effective || data[i].permitted || data[i].inheritable) {
            return -1;
        }
    }
    return 0;
}

/*
 * The `socket` request: the raw socket of r's kind, bound to r's interface, its filter attached and locked, then
 * every capability dropped, then the descriptor sent over the reply socket. Returns the exit code.
 */
static int hand_over_socket(const struct request *r) {
    const struct socket_kind *k = &kinds[r->kind];
    int fd = socket(k->domain, SOCK_RAW | SOCK_CLOEXEC, k->protocol);
    if (fd < 0) {
        return errno == EPERM || errno == EACCES
                ? refuse(EXIT_PRIVILEGE, "permission denied (is netkit-helper installed with its capabilities?)",
                        strerror(errno))
                : refuse(EXIT_FAILED, "cannot open the socket", strerror(errno));
    }
    struct sock_fprog program = { k->length, k->filter };
    int lock = 1;
    if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &program, sizeof program) != 0
            || setsockopt(fd, SOL_SOCKET, SO_LOCK_FILTER, &lock, sizeof lock) != 0) {
        return refuse(EXIT_FAILED, "cannot set the filter", strerror(errno));
    }
    if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, r->ifname, (socklen_t) strlen(r->ifname) + 1) != 0) {
        return refuse(errno == ENODEV ? EXIT_REQUEST : EXIT_FAILED, "cannot bind to the interface", strerror(errno));
    }
    /*
     * What queued before the filter and the binding held (any packet of the protocol, from any interface) is read
     * away here, never handed over; bounded, as a receive buffer holds a few hundred packets at most.
     */
    char discard[2048];
    for (int i = 0; i < 10000 && recv(fd, discard, sizeof discard, MSG_DONTWAIT) >= 0; i++) {
    }
    if (drop_capabilities() != 0) {
        return refuse(EXIT_FAILED, "cannot drop capabilities", strerror(errno));
    }
    char ok[] = "ok\n";
    struct iovec iov = { ok, sizeof ok - 1 };
    union {
        struct cmsghdr align;
        char space[CMSG_SPACE(sizeof(int))];
    } control;
    memset(&control, 0, sizeof control);
    struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.space,
                          .msg_controllen = sizeof control.space };
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &fd, sizeof fd);
    if (sendmsg(reply_socket, &msg, MSG_NOSIGNAL) != (ssize_t) iov.iov_len) {
        fprintf(stderr, "netkit-helper: cannot hand the socket over: %s\n", strerror(errno));
        return EXIT_FAILED;
    }
    return 0;
}

static void dump_frame(u_char *user, const struct pcap_pkthdr *h, const u_char *bytes) {
    pcap_dump(user, h, bytes);
}

/* Frames from stdin: a 4-byte big-endian length, then that many bytes. Keeps a partial frame across reads. */
struct inbound {
    unsigned char buf[4 + MAX_FRAME];
    size_t have;
};

/* Reads what stdin holds; sends each whole frame. Returns 1 at the end of stdin, 0 to go on, -1 on a bad frame. */
static int take_frames(pcap_t *pcap, int inject, struct inbound *in) {
    size_t want = 4;
    if (in->have >= 4) {
        want = 4 + ((size_t) in->buf[0] << 24 | (size_t) in->buf[1] << 16 | (size_t) in->buf[2] << 8 | in->buf[3]);
    }
    ssize_t got = read(STDIN_FILENO, in->buf + in->have, want - in->have);
    if (got < 0) {
        return errno == EINTR || errno == EAGAIN ? 0 : -1;
    }
    if (got == 0) {
        return in->have == 0 ? 1 : refuse(-1, "bad frame", "stdin ended inside a frame");
    }
    if (!inject) {
        return refuse(-1, "bad frame", "a capture request takes no frames");
    }
    in->have += (size_t) got;
    if (in->have == 4) {
        size_t len = (size_t) in->buf[0] << 24 | (size_t) in->buf[1] << 16 | (size_t) in->buf[2] << 8 | in->buf[3];
        if (len == 0 || len > MAX_FRAME) {
            return refuse(-1, "bad frame", "length is not from 1 to 65535");
        }
    } else if (in->have == want && want > 4) {
        if (pcap_inject(pcap, in->buf + 4, want - 4) != (int) (want - 4)) {
            refuse(0, "inject failed", pcap_geterr(pcap)); /* reported, not fatal: a full queue passes */
        }
        in->have = 0;
    }
    return 0;
}

#ifndef NETKIT_HELPER_NO_MAIN
int main(int argc, char **argv) {
    (void) argv;
    signal(SIGPIPE, SIG_DFL); /* the reader went away: end here, whatever the caller had set */
    struct stat in_stat;
    int type = 0;
    socklen_t type_len = sizeof type;
    if (fstat(STDIN_FILENO, &in_stat) == 0 && S_ISSOCK(in_stat.st_mode)
            && getsockopt(STDIN_FILENO, SOL_SOCKET, SO_TYPE, &type, &type_len) == 0 && type == SOCK_STREAM) {
        reply_socket = STDIN_FILENO;
    }
    if (argc != 1) {
        return refuse(EXIT_REQUEST, "bad request", "takes no arguments, only one request line on stdin");
    }
    char line[MAX_LINE + 2];
    long len = read_line(line, sizeof line);
    struct request r;
    const char *why = NULL;
    if (len < 0) {
        return refuse(EXIT_REQUEST, "bad request", "no request line of at most 2048 bytes on stdin");
    }
    if (parse_request(line, (size_t) len, &r, &why) != 0) {
        return refuse(EXIT_REQUEST, "bad request", why);
    }
    if (if_nametoindex(r.ifname) == 0) {
        return refuse(EXIT_REQUEST, "no such interface in this network namespace", r.ifname);
    }
    if (r.op == OP_SOCKET) {
        return reply_socket < 0 ? refuse(EXIT_REQUEST, "bad request", "a socket request needs a Unix socket on stdin")
                : hand_over_socket(&r);
    }
    if (reply_socket >= 0) {
        return refuse(EXIT_REQUEST, "bad request", "capture and inject stream to a pipe, not to a socket");
    }
    char err[PCAP_ERRBUF_SIZE] = "";
    pcap_t *pcap = pcap_create(r.ifname, err);
    if (pcap == NULL) {
        return refuse(EXIT_FAILED, "cannot capture", err);
    }
    pcap_set_snaplen(pcap, r.snaplen);
    pcap_set_promisc(pcap, r.promisc);
    pcap_set_immediate_mode(pcap, 1);
    pcap_set_buffer_size(pcap, BUFFER_BYTES);
    pcap_set_tstamp_precision(pcap, PCAP_TSTAMP_PRECISION_NANO);
    int rc = pcap_activate(pcap);
    if (rc == PCAP_ERROR_PERM_DENIED || rc == PCAP_ERROR_PROMISC_PERM_DENIED) {
        return refuse(EXIT_PRIVILEGE, "permission denied (is netkit-helper installed with its capabilities?)",
                pcap_geterr(pcap));
    }
    if (rc == PCAP_ERROR_NO_SUCH_DEVICE) {
        return refuse(EXIT_REQUEST, "no such interface in this network namespace", r.ifname);
    }
    if (rc < 0) {
        return refuse(EXIT_FAILED, "cannot capture", pcap_geterr(pcap));
    }
    struct bpf_program program;
    if (pcap_compile(pcap, &program, r.filter, 1, PCAP_NETMASK_UNKNOWN) != 0) {
        return refuse(EXIT_REQUEST, "bad filter", pcap_geterr(pcap));
    }
    if (pcap_setfilter(pcap, &program) != 0) {
        return refuse(EXIT_FAILED, "cannot set the filter", pcap_geterr(pcap));
    }
    pcap_freecode(&program);
    if (pcap_setnonblock(pcap, 1, err) != 0) {
        return refuse(EXIT_FAILED, "cannot capture", err);
    }
    int fd = pcap_get_selectable_fd(pcap);
    if (fd < 0) {
        return refuse(EXIT_FAILED, "cannot capture", "no selectable descriptor");
    }
    /* The handle is open: from here on nothing needs a capability, so none is kept. */
    if (drop_capabilities() != 0) {
        return refuse(EXIT_FAILED, "cannot drop capabilities", strerror(errno));
    }
    pcap_dumper_t *dumper = pcap_dump_fopen(pcap, stdout);
    if (dumper == NULL || pcap_dump_flush(dumper) != 0) {
        return refuse(EXIT_FAILED, "cannot write to stdout", pcap_geterr(pcap));
    }
    static struct inbound in;
    struct pollfd fds[2] = { { fd, POLLIN, 0 }, { STDIN_FILENO, POLLIN, 0 } };
    int status = 0;
    for (;;) {
        if (poll(fds, 2, 100) < 0 && errno != EINTR) {
            status = refuse(EXIT_FAILED, "poll failed", strerror(errno));
            break;
        }
        int n = pcap_dispatch(pcap, -1, dump_frame, (u_char *) dumper);
        if (n < 0) {
            status = refuse(EXIT_FAILED, "capture failed", pcap_geterr(pcap));
            break;
        }
        if (n > 0 && pcap_dump_flush(dumper) != 0) {
            status = EXIT_FAILED; /* the reader is gone */
            break;
        }
        if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
            int end = take_frames(pcap, r.op == OP_INJECT, &in);
            if (end != 0) {
                status = end < 0 ? EXIT_REQUEST : 0;
                break;
            }
        }
    }
    struct pcap_stat stat;
    if (pcap_stats(pcap, &stat) == 0) {
        fprintf(stderr, "stats %u %u %u\n", stat.ps_recv, stat.ps_drop, stat.ps_ifdrop);
    }
    pcap_dump_flush(dumper);
    return status;
}
#endif
