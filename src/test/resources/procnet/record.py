#!/usr/bin/env python3
"""Records the /proc/net fixtures of SocketTablesTest. Run as root; it builds and removes namespace nksys-rec:
   ip netns add nksys-rec && ip -n nksys-rec link set lo up && ip -n nksys-rec addr add 2001:db8:1::10/64 dev lo
   ip netns exec nksys-rec python3 record.py OUTDIR ; ip netns del nksys-rec
Sockets made (all on loopback of the namespace): TCP listeners v4 :8080 and dual-stack [::]:22, an established
v4 pair with keepalive on, a v4-mapped connection to [::]:22, a TIME-WAIT, a CLOSE-WAIT/FIN-WAIT-2 pair, a
SYN-SENT (nft drops SYNs to :9), UDP unconnected v4 :7 and v6 :5353, UDP connected, raw ICMP v4 and v6, Unix stream
listener, abstract and connected pair, and a Unix datagram."""
import os, socket, subprocess, sys, time

out = sys.argv[1]
subprocess.run(["nft", "add table inet nkrec; add chain inet nkrec in { type filter hook input priority 0; };"
                " add rule inet nkrec in tcp dport 9 drop"], check=True)
keep = []
def tcp(fam=socket.AF_INET):
    s = socket.socket(fam, socket.SOCK_STREAM); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); keep.append(s); return s
l4 = tcp(); l4.bind(("127.0.0.1", 8080)); l4.listen(16)
l6 = tcp(socket.AF_INET6); l6.bind(("::", 22)); l6.listen(16)
c = tcp(); c.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1); c.connect(("127.0.0.1", 8080)); a, _ = l4.accept(); keep.append(a)
c.send(b"x" * 100)  # 100 bytes waiting in the server's receive queue
m = tcp(); m.connect(("127.0.0.1", 22)); am, _ = l6.accept(); keep.append(am)  # v4-mapped on the v6 side
t = tcp(); t.connect(("127.0.0.1", 8080)); at, _ = l4.accept(); t.close(); at.close(); keep.remove(t)  # t: TIME-WAIT
h = tcp(); h.connect(("127.0.0.1", 8080)); ah, _ = l4.accept(); keep.append(ah); h.shutdown(socket.SHUT_WR)  # CLOSE-WAIT / FIN-WAIT-2
v6c = tcp(socket.AF_INET6); v6c.connect(("2001:db8:1::10", 22)); a6, _ = l6.accept(); keep.append(a6)
syn = tcp(); syn.setblocking(False); syn.connect_ex(("127.0.0.1", 9))  # SYN-SENT, SYN dropped
u4 = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u4.bind(("0.0.0.0", 7)); keep.append(u4)
u6 = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u6.bind(("::", 5353)); keep.append(u6)
uc = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); uc.connect(("127.0.0.1", 7)); keep.append(uc); uc.send(b"hello")
r4 = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP); keep.append(r4)
r6 = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6); keep.append(r6)
ul = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); path = "/tmp/nksys-rec.sock"
if os.path.exists(path): os.unlink(path)
ul.bind(path); ul.listen(4); keep.append(ul)
ua = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); ua.bind("\0nksys-abstract"); ua.listen(4); keep.append(ua)
p1, p2 = socket.socketpair(); keep += [p1, p2]
ud = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); keep.append(ud)
time.sleep(0.5)
for name in ["tcp", "tcp6", "udp", "udp6", "raw", "raw6"]:
    with open(f"/proc/net/{name}") as f, open(f"{out}/{name}", "w") as g: g.write(f.read())
with open("/proc/net/unix") as f, open(f"{out}/unix", "w") as g:
    g.write("".join(l for l in f if l.startswith("Num") or "nksys" in l or l.rstrip().count(" ") < 7))
with open(f"{out}/ss-tuwan.txt", "w") as g:
    g.write(subprocess.run(["ss", "-tuwan", "-o"], capture_output=True, text=True).stdout)
os.unlink(path)
subprocess.run(["nft", "delete table inet nkrec"], check=True)
