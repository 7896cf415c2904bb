/*
 * libnetkit-libc.so: the libc socket calls of dev.netkit.system.Libc, as JNI functions.
 *
 * Why not JNA (which the capture layer and scan still use): JNA's start-up (its Native class, which first uses
 * java.util.logging, and the application class loader's first look into the jar) costs 16-23 ms of a trace whose
 * whole target is traceroute's ~15 ms; loading this library costs about 1 ms. See docs/trace.md.
 *
 * Every call returns its result, or -errno when it failed (errno read right after the call, in C, so nothing the
 * JVM does in between can change it). Byte arrays are copied in and out (small: socket addresses, options, one
 * packet), never pinned across a system call that may block. Every length is checked against its Java array before
 * any copy or allocation, and an invalid one returns -EINVAL: no JNI call runs with an exception pending.
 */
#define _GNU_SOURCE /* strerror_r returning the message */
#include <jni.h>

#include <errno.h>
#include <linux/capability.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h> /* struct timespec, before linux/errqueue.h */
#include <linux/errqueue.h>
#include <linux/ethtool.h>
#include <linux/sockios.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <unistd.h>

#define STACK_BYTES 2048
/* The most struct pollfd poll takes (the probe channels poll a handful). */
#define MAX_POLL 4096

/* env and the class are in every JNI signature, used or not. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

static jint fail(void) {
    return -errno;
}

/* Whether len bytes may be read from array (null only with len 0): 0, -EINVAL, or -EFAULT (null with len > 0). */
static int check_in(JNIEnv *env, jbyteArray array, jint len) {
    if (len < 0) {
        return -EINVAL;
    }
    if (array == NULL) {
        return len == 0 ? 0 : -EFAULT;
    }
    return len > (*env)->GetArrayLength(env, array) ? -EINVAL : 0;
}

/* The array's first len bytes in buf (checked with check_in); 0, or its -errno. */
static int copy_in(JNIEnv *env, jbyteArray array, jint len, void *buf) {
    int r = check_in(env, array, len);
    if (r == 0 && len > 0) {
        (*env)->GetByteArrayRegion(env, array, 0, len, (jbyte *) buf);
    }
    return r;
}

/*
 * length[0] of an in/out length array, checked: value and length not null, length holds at least one int, and
 * 0 <= length[0] <= value's length and <= max. 0 (with *len set), or -EINVAL.
 */
static int in_out_length(JNIEnv *env, jbyteArray value, jintArray length, jint max, jint *len) {
    if (value == NULL || length == NULL || (*env)->GetArrayLength(env, length) < 1) {
        return -EINVAL;
    }
    (*env)->GetIntArrayRegion(env, length, 0, 1, len);
    if (*len < 0 || *len > (*env)->GetArrayLength(env, value) || *len > max) {
        return -EINVAL;
    }
    return 0;
}

/* A buffer of len bytes for one call: stack when it fits, else malloc'd (NULL when out of memory). */
static char *buffer_for(jint len, char *stack) {
    return len <= STACK_BYTES ? stack : malloc((size_t) len);
}

static void release(char *buf, const char *stack) {
    if (buf != stack) {
        free(buf);
    }
}

/* The first n bytes received into buf (at most length: MSG_TRUNC returns a datagram's whole length) to array. */
static void copy_out(JNIEnv *env, jbyteArray array, ssize_t n, jint length, const char *buf) {
    if (n > 0 && length > 0) {
        (*env)->SetByteArrayRegion(env, array, 0, (jsize) (n < length ? n : length), (const jbyte *) buf);
    }
}

JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_socket(JNIEnv *env, jclass c, jint domain, jint type, jint protocol) {
    int fd = socket(domain, type, protocol);
    return fd < 0 ? fail() : fd;
}

JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_close(JNIEnv *env, jclass c, jint fd) {
    return close(fd) < 0 ? fail() : 0;
}

JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_setsockopt(JNIEnv *env, jclass c, jint fd, jint level, jint name,
                                                            jbyteArray value, jint length) {
    char buf[256];
    if (length < 0 || length > (jint) sizeof buf) {
        return -EINVAL;
    }
    int r = copy_in(env, value, length, buf);
    if (r < 0) {
        return r;
    }
    return setsockopt(fd, level, name, buf, (socklen_t) length) < 0 ? fail() : 0;
}

JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_setInt(JNIEnv *env, jclass c, jint fd, jint level, jint name,
                                                        jint value) {
    int v = value;
    return setsockopt(fd, level, name, &v, sizeof v) < 0 ? fail() : 0;
}

/* value receives the option (at most its length), length[0] is in/out as socklen_t. */
JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_getsockopt(JNIEnv *env, jclass c, jint fd, jint level, jint name,
                                                            jbyteArray value, jintArray length) {
    char buf[256];
    jint len;
    int r = in_out_length(env, value, length, (jint) sizeof buf, &len);
    if (r < 0) {
        return r;
    }
    socklen_t sl = (socklen_t) len;
    if (getsockopt(fd, level, name, buf, &sl) < 0) {
        return fail();
    }
    jint out = (jint) sl;
    (*env)->SetByteArrayRegion(env, value, 0, out < len ? out : len, (const jbyte *) buf);
    (*env)->SetIntArrayRegion(env, length, 0, 1, &out);
    return 0;
}

/* bind, or connect when connecting, to the address's first length bytes. */
static jint bind_or_connect(JNIEnv *env, int connecting, jint fd, jbyteArray address, jint length) {
    struct sockaddr_storage sa;
    if (length < 0 || length > (jint) sizeof sa) {
        return -EINVAL;
    }
    int r = copy_in(env, address, length, &sa);
    if (r < 0) {
        return r;
    }
    struct sockaddr *p = (struct sockaddr *) &sa;
    r = connecting ? connect(fd, p, (socklen_t) length) : bind(fd, p, (socklen_t) length);
    return r < 0 ? fail() : 0;
}

JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_bind(JNIEnv *env, jclass c, jint fd, jbyteArray address, jint length) {
    return bind_or_connect(env, 0, fd, address, length);
}

JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_connect(JNIEnv *env, jclass c, jint fd, jbyteArray address,
                                                         jint length) {
    return bind_or_connect(env, 1, fd, address, length);
}

JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_getsockname(JNIEnv *env, jclass c, jint fd, jbyteArray address,
                                                             jintArray length) {
    struct sockaddr_storage sa;
    jint len;
    int r = in_out_length(env, address, length, INT32_MAX, &len);
    if (r < 0) {
        return r;
    }
    socklen_t sl = sizeof sa;
    if (getsockname(fd, (struct sockaddr *) &sa, &sl) < 0) {
        return fail();
    }
    jint out = (jint) sl;
    (*env)->SetByteArrayRegion(env, address, 0, out < len ? out : len, (const jbyte *) &sa);
    (*env)->SetIntArrayRegion(env, length, 0, 1, &out);
    return 0;
}

JNIEXPORT jlong JNICALL Java_dev_netkit_system_Libc_sendto(JNIEnv *env, jclass c, jint fd, jbyteArray buffer,
                                                         jint length, jint flags, jbyteArray address,
                                                         jint addressLength) {
    char stack[STACK_BYTES];
    struct sockaddr_storage sa;
    if (addressLength > (jint) sizeof sa) {
        return -EINVAL;
    }
    int r = check_in(env, buffer, length);
    if (r == 0) {
        r = copy_in(env, address, addressLength, &sa);
    }
    if (r < 0) {
        return r;
    }
    char *buf = buffer_for(length, stack);
    if (buf == NULL) {
        return -ENOMEM;
    }
    jlong n;
    r = copy_in(env, buffer, length, buf);
    if (r < 0) {
        n = r;
    } else {
        ssize_t s = sendto(fd, buf, (size_t) length, flags, addressLength > 0 ? (struct sockaddr *) &sa : NULL,
                           (socklen_t) addressLength);
        n = s < 0 ? fail() : (jlong) s;
    }
    release(buf, stack);
    return n;
}

/* read(2) into buffer's first length bytes (a datagram, an eventfd's counter): the bytes read, or -errno. */
JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_read(JNIEnv *env, jclass c, jint fd, jbyteArray buffer, jint length) {
    char stack[STACK_BYTES];
    int r = check_in(env, buffer, length);
    char *buf = r < 0 ? NULL : buffer_for(length, stack);
    if (buf == NULL) {
        return r < 0 ? r : -ENOMEM;
    }
    ssize_t n = read(fd, buf, (size_t) length);
    jint out = n < 0 ? fail() : (jint) n;
    copy_out(env, buffer, n, length, buf);
    release(buf, stack);
    return out;
}

/*
 * recvfrom(2) into buffer's first length bytes, the sender's address into address (at most addressLength[0] bytes;
 * addressLength[0] comes back as the address's whole length): the bytes received, or -errno.
 */
JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_recvfrom(JNIEnv *env, jclass c, jint fd, jbyteArray buffer,
                                                            jint length, jint flags, jbyteArray address,
                                                            jintArray addressLength) {
    char stack[STACK_BYTES];
    struct sockaddr_storage sa;
    jint alen;
    int r = check_in(env, buffer, length);
    if (r == 0) {
        r = in_out_length(env, address, addressLength, INT32_MAX, &alen);
    }
    char *buf = r < 0 ? NULL : buffer_for(length, stack);
    if (buf == NULL) {
        return r < 0 ? r : -ENOMEM;
    }
    socklen_t sl = sizeof sa;
    ssize_t n = recvfrom(fd, buf, (size_t) length, flags, (struct sockaddr *) &sa, &sl);
    jint out = n < 0 ? fail() : (jint) n;
    copy_out(env, buffer, n, length, buf);
    if (n >= 0) {
        jint whole = (jint) sl;
        (*env)->SetByteArrayRegion(env, address, 0, whole < alen ? whole : alen, (const jbyte *) &sa);
        (*env)->SetIntArrayRegion(env, addressLength, 0, 1, &whole);
    }
    release(buf, stack);
    return out;
}

/* write(2) of buffer's first length bytes: the bytes written, or -errno. */
JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_write(JNIEnv *env, jclass c, jint fd, jbyteArray buffer,
                                                         jint length) {
    char stack[STACK_BYTES];
    int r = check_in(env, buffer, length);
    char *buf = r < 0 ? NULL : buffer_for(length, stack);
    if (buf == NULL) {
        return r < 0 ? r : -ENOMEM;
    }
    r = copy_in(env, buffer, length, buf);
    ssize_t n = r < 0 ? 0 : write(fd, buf, (size_t) length);
    jint out = r < 0 ? r : n < 0 ? fail() : (jint) n;
    release(buf, stack);
    return out;
}

/*
 * The next entry of a socket's error queue (IP_RECVERR / IPV6_RECVERR), read without waiting: its struct
 * sock_extended_err packed as ee_errno | ee_origin << 32 | ee_type << 40 | ee_code << 48; or -errno (-EAGAIN when the
 * queue is empty). An entry without that control message packs as its errno 0 and origin 0.
 */
JNIEXPORT jlong JNICALL Java_dev_netkit_system_Libc_errorQueue(JNIEnv *env, jclass c, jint fd) {
    char data[512];
    char control[512];
    struct iovec iov = {data, sizeof data};
    struct msghdr msg;
    memset(&msg, 0, sizeof msg);
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    if (recvmsg(fd, &msg, MSG_ERRQUEUE | MSG_DONTWAIT) < 0) {
        return fail();
    }
    for (struct cmsghdr *cm = CMSG_FIRSTHDR(&msg); cm != NULL; cm = CMSG_NXTHDR(&msg, cm)) {
        if ((cm->cmsg_level == IPPROTO_IP && cm->cmsg_type == IP_RECVERR)
            || (cm->cmsg_level == IPPROTO_IPV6 && cm->cmsg_type == IPV6_RECVERR)) {
            struct sock_extended_err ee;
            if (cm->cmsg_len < CMSG_LEN(sizeof ee)) {
                break;
            }
            memcpy(&ee, CMSG_DATA(cm), sizeof ee);
            return (jlong) ee.ee_errno | (jlong) ee.ee_origin << 32 | (jlong) ee.ee_type << 40
                   | (jlong) ee.ee_code << 48;
        }
    }
    return 0;
}

/* eventfd(2): a descriptor that poll sees readable once another thread wrote to it (a wake-up), or -errno. */
JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_eventfd(JNIEnv *env, jclass c, jint flags) {
    int fd = eventfd(0, flags);
    return fd < 0 ? fail() : fd;
}

/* recvmsg with a struct msghdr the caller laid out in native memory (a direct ByteBuffer: see address). */
JNIEXPORT jlong JNICALL Java_dev_netkit_system_Libc_recvmsg(JNIEnv *env, jclass c, jint fd, jlong message, jint flags) {
    ssize_t n = recvmsg(fd, (struct msghdr *) (intptr_t) message, flags);
    return n < 0 ? fail() : (jlong) n;
}

/* The native address of a direct ByteBuffer (0 for a heap buffer or null). */
JNIEXPORT jlong JNICALL Java_dev_netkit_system_Libc_address(JNIEnv *env, jclass c, jobject buffer) {
    if (buffer == NULL) {
        return 0;
    }
    void *p = (*env)->GetDirectBufferAddress(env, buffer);
    return (jlong) (intptr_t) p;
}

/*
 * fds holds count struct pollfd as pairs of ints: the descriptor, then events in the low 16 bits (revents comes
 * back in the high 16 bits, as the little-endian struct reads as an int). At most MAX_POLL of them.
 */
JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_poll(JNIEnv *env, jclass c, jintArray fds, jint count,
                                                      jint timeoutMillis) {
    struct pollfd stack[16];
    if (count < 0 || count > MAX_POLL || (fds == NULL && count > 0)
        || (fds != NULL && count > (*env)->GetArrayLength(env, fds) / 2)) {
        return -EINVAL;
    }
    struct pollfd *p = count <= 16 ? stack : malloc(sizeof(struct pollfd) * (size_t) count);
    if (p == NULL) {
        return -ENOMEM;
    }
    if (count > 0) {
        (*env)->GetIntArrayRegion(env, fds, 0, 2 * count, (jint *) p);
    }
    int r = poll(p, (nfds_t) count, timeoutMillis);
    jint out = r < 0 ? fail() : r;
    if (r > 0) {
        (*env)->SetIntArrayRegion(env, fds, 0, 2 * count, (const jint *) p);
    }
    if (p != stack) {
        free(p);
    }
    return out;
}

JNIEXPORT jstring JNICALL Java_dev_netkit_system_Libc_strerror(JNIEnv *env, jclass c, jint errnum) {
    char buf[256];
    const char *s = strerror_r(errnum, buf, sizeof buf); /* GNU: returns the message */
    return (*env)->NewStringUTF(env, s);
}

JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_getpid(JNIEnv *env, jclass c) {
    return (jint) getpid();
}

/* kill(2): sends signal sig to pid (a process group when negative); 0 or -errno. lab exec forwards signals. */
JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_kill(JNIEnv *env, jclass c, jint pid, jint sig) {
    return kill((pid_t) pid, sig) < 0 ? fail() : 0;
}

/* getpgid(2): the process group of pid (0: this process), or -errno. */
JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_getpgid(JNIEnv *env, jclass c, jint pid) {
    pid_t g = getpgid((pid_t) pid);
    return g < 0 ? fail() : (jint) g;
}

/* tcgetpgrp(3): the foreground process group of the terminal on fd, or -errno (-ENOTTY when fd is no terminal). */
JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_tcgetpgrp(JNIEnv *env, jclass c, jint fd) {
    pid_t g = tcgetpgrp(fd);
    return g < 0 ? fail() : (jint) g;
}

/*
 * ethtool's link settings of the interface named by the ASCII bytes name (ETHTOOL_GLINKSETTINGS, with the kernel's
 * two-call handshake for the size of the link-mode masks, as ethtool(8) asks): out[0] the speed in Mb/s (-1:
 * unknown), out[1] the duplex (0 half, 1 full, -1 unknown), out[2] autonegotiation (0 off, 1 on), out[3] the port
 * (PORT_*). 0, or -errno: -EOPNOTSUPP when the driver has none (loopback), -ENODEV for no such interface.
 */
JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_ethtoolLink(JNIEnv *env, jclass c, jbyteArray name, jintArray out) {
    struct {
        struct ethtool_link_settings s;
        __u32 masks[3 * 127]; /* supported, advertised, lp_advertising: at most 127 words each */
    } req;
    struct ifreq ifr;
    jsize n = (*env)->GetArrayLength(env, name);
    if (n <= 0 || n >= IFNAMSIZ || (*env)->GetArrayLength(env, out) < 4) {
        return -EINVAL;
    }
    memset(&ifr, 0, sizeof ifr);
    (*env)->GetByteArrayRegion(env, name, 0, n, (jbyte *) ifr.ifr_name);
    int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        return fail();
    }
    memset(&req, 0, sizeof req);
    req.s.cmd = ETHTOOL_GLINKSETTINGS;
    ifr.ifr_data = (void *) &req;
    int r = ioctl(fd, SIOCETHTOOL, &ifr);
    if (r == 0 && req.s.link_mode_masks_nwords < 0) {
        __s8 words = (__s8) -req.s.link_mode_masks_nwords;
        memset(&req, 0, sizeof req);
        req.s.cmd = ETHTOOL_GLINKSETTINGS;
        req.s.link_mode_masks_nwords = words;
        r = ioctl(fd, SIOCETHTOOL, &ifr);
    }
    jint err = r < 0 ? -errno : 0;
    close(fd);
    if (err != 0) {
        return err;
    }
    if (req.s.link_mode_masks_nwords <= 0) {
        return -EPROTO;
    }
    jint v[4] = {(jint) req.s.speed, req.s.duplex == DUPLEX_UNKNOWN ? -1 : req.s.duplex, req.s.autoneg, req.s.port};
    (*env)->SetIntArrayRegion(env, out, 0, 4, v);
    return 0;
}

/* This process's effective capability set (capget(2), as CapEff in /proc/self/status), or -errno. */
JNIEXPORT jlong JNICALL Java_dev_netkit_system_Libc_effectiveCapabilities(JNIEnv *env, jclass c) {
    struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];
    memset(data, 0, sizeof data);
    if (syscall(SYS_capget, &header, data) < 0) {
        return fail();
    }
    return (jlong) ((uint64_t) data[0].effective | (uint64_t) data[1].effective << 32);
}

/* ---- scan's connect scanner: one epoll set for many non-blocking connects ---- */

#include <sys/epoll.h>

/* epoll_create1(2): the set's descriptor, or -errno. */
JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_epollCreate(JNIEnv *env, jclass c, jint flags) {
    int fd = epoll_create1(flags);
    return fd < 0 ? fail() : fd;
}

/* epoll_ctl(2) EPOLL_CTL_ADD of fd for events, tagged with id (what epollWait hands back): 0, or -errno. */
JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_epollAdd(JNIEnv *env, jclass c, jint epfd, jint fd, jint events,
                                                          jint id) {
    struct epoll_event ev;
    memset(&ev, 0, sizeof ev);
    ev.events = (uint32_t) events;
    ev.data.u32 = (uint32_t) id;
    return epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev) < 0 ? fail() : 0;
}

/* epoll_wait(2) for at most ids' length events: their ids in ids, and how many; or -errno. */
JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_epollWait(JNIEnv *env, jclass c, jint epfd, jintArray ids,
                                                           jint timeoutMillis) {
    struct epoll_event stack[64];
    jint max = (*env)->GetArrayLength(env, ids);
    if (max <= 0) {
        return -EINVAL;
    }
    struct epoll_event *ev = max <= 64 ? stack : malloc(sizeof(struct epoll_event) * (size_t) max);
    if (ev == NULL) {
        return -ENOMEM;
    }
    int n = epoll_wait(epfd, ev, max, timeoutMillis);
    jint out = n < 0 ? fail() : n;
    for (int i = 0; i < n; i++) {
        jint id = (jint) ev[i].data.u32;
        (*env)->SetIntArrayRegion(env, ids, i, 1, &id);
    }
    if (ev != stack) {
        free(ev);
    }
    return out;
}

/* ---- scan's sweep: many frames in one system call ---- */

/* The most messages one sendmmsg call takes here (its arrays live on the stack: about 20 KiB). */
#define MAX_BATCH 256

/*
 * sendmmsg(2) of count messages from one direct ByteBuffer: message i is lengths[first + i] bytes, packed one after
 * the other from byte offset of frames. On a socket with a destination already (a packet socket bound to its
 * interface, a connected datagram socket). The messages sent (fewer than count when one failed after others went),
 * or -errno when the first failed.
 */
JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_sendmmsg(JNIEnv *env, jclass c, jint fd, jobject frames,
                                                          jint offset, jintArray lengths, jint first, jint count) {
    struct mmsghdr msgs[MAX_BATCH];
    struct iovec iov[MAX_BATCH];
    jint len[MAX_BATCH];
    char *base = frames == NULL ? NULL : (*env)->GetDirectBufferAddress(env, frames);
    jlong capacity = frames == NULL ? -1 : (*env)->GetDirectBufferCapacity(env, frames);
    if (base == NULL || capacity < 0 || lengths == NULL || count < 1 || count > MAX_BATCH || first < 0
        || offset < 0 || (jlong) first + count > (*env)->GetArrayLength(env, lengths)) {
        return -EINVAL;
    }
    (*env)->GetIntArrayRegion(env, lengths, first, count, len);
    jlong at = offset;
    memset(msgs, 0, sizeof(struct mmsghdr) * (size_t) count);
    for (int i = 0; i < count; i++) {
        if (len[i] < 0 || at + len[i] > capacity) {
            return -EINVAL;
        }
        iov[i].iov_base = base + at;
        iov[i].iov_len = (size_t) len[i];
        msgs[i].msg_hdr.msg_iov = &iov[i];
        msgs[i].msg_hdr.msg_iovlen = 1;
        at += len[i];
    }
    int n = sendmmsg(fd, msgs, (unsigned int) count, 0);
    return n < 0 ? fail() : n;
}

/* ---- netkit-helper's socket hand-over (issue 18): the helper runs with a Unix socket as its stdin ---- */

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

/*
 * Starts the program at path (no arguments, empty environment) with one end of a new Unix stream socket pair as its
 * stdin, /dev/null as stdout and stderr; ids[0] gets its pid, ids[1] our end (close-on-exec). 0, or -errno (an exec
 * the caller may not do, EACCES, comes back here: posix_spawn reports it).
 */
JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_spawnWithSocket(JNIEnv *env, jclass c, jstring path, jintArray ids) {
    if (path == NULL || ids == NULL || (*env)->GetArrayLength(env, ids) < 2) {
        return -EINVAL;
    }
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0) {
        return fail();
    }
    const char *file = (*env)->GetStringUTFChars(env, path, NULL);
    if (file == NULL) {
        close(sv[0]);
        close(sv[1]);
        return -ENOMEM;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, sv[1], 0);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    char *argv[] = {(char *) file, NULL};
    char *envp[] = {NULL};
    pid_t pid;
    int r = posix_spawn(&pid, file, &actions, NULL, argv, envp);
    posix_spawn_file_actions_destroy(&actions);
    (*env)->ReleaseStringUTFChars(env, path, file);
    close(sv[1]);
    if (r != 0) {
        close(sv[0]);
        return -r;
    }
    jint out[2] = {(jint) pid, sv[0]};
    (*env)->SetIntArrayRegion(env, ids, 0, 2, out);
    return 0;
}

/*
 * recvmsg of at most length bytes into buffer, and of one descriptor passed with them (SCM_RIGHTS, made
 * close-on-exec): fd[0] gets it, or -1 when none came. The bytes read, or -errno.
 */
JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_receiveDescriptor(JNIEnv *env, jclass c, jint sock,
                                                                      jbyteArray buffer, jint length, jintArray fd) {
    int r = check_in(env, buffer, length);
    if (r != 0 || buffer == NULL || fd == NULL || (*env)->GetArrayLength(env, fd) < 1 || length > STACK_BYTES) {
        return r != 0 ? r : -EINVAL;
    }
    char data[STACK_BYTES];
    union {
        struct cmsghdr align;
        char space[CMSG_SPACE(sizeof(int))];
    } control;
    struct iovec iov = {data, (size_t) length};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = control.space,
                         .msg_controllen = sizeof control.space};
    ssize_t n = recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
    if (n < 0) {
        return fail();
    }
    jint got = -1;
    for (struct cmsghdr *h = CMSG_FIRSTHDR(&msg); h != NULL; h = CMSG_NXTHDR(&msg, h)) {
        if (h->cmsg_level == SOL_SOCKET && h->cmsg_type == SCM_RIGHTS && h->cmsg_len == CMSG_LEN(sizeof(int))) {
            int passed;
            memcpy(&passed, CMSG_DATA(h), sizeof passed);
            if (got < 0) {
                got = passed;
            } else {
                close(passed);
            }
        }
    }
    (*env)->SetIntArrayRegion(env, fd, 0, 1, &got);
    (*env)->SetByteArrayRegion(env, buffer, 0, (jsize) n, (const jbyte *) data);
    return (jint) n;
}

/* waitpid(2) for pid: its exit status (0-255), 128 + the signal that ended it, or -errno. */
JNIEXPORT jint JNICALL Java_dev_netkit_system_Libc_waitExit(JNIEnv *env, jclass c, jint pid) {
    int status;
    pid_t r;
    do {
        r = waitpid(pid, &status, 0);
    } while (r < 0 && errno == EINTR);
    if (r < 0) {
        return fail();
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
