# Mixed lab traffic for sniff benchmarks: HTTP fetches, DNS queries, TCP to a closed port, for SECONDS seconds.
import socket, struct, sys, time, random
end = time.time() + float(sys.argv[1]) if len(sys.argv) > 1 else time.time() + 30
names = [b'\x06server\x06netkit\x04test\x00', b'\x03www\x06netkit\x04test\x00', b'\x06client\x06netkit\x04test\x00']
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.settimeout(0.5)
i = 0
while time.time() < end:
    i += 1
    try:
        c = socket.create_connection(('198.18.10.10', 80), timeout=2)
        c.sendall(b'GET / HTTP/1.1\r\nHost: server.netkit.test\r\nConnection: close\r\n\r\n')
        while c.recv(65536): pass
        c.close()
    except OSError: pass
    q = struct.pack('!HHHHHH', i & 0xffff, 0x0100, 1, 0, 0, 0) + names[i % 3] + struct.pack('!HH', 1 if i % 2 else 28, 1)
    try:
        u.sendto(q, ('198.18.10.53', 53)); u.recvfrom(1500)
    except OSError: pass
    if i % 10 == 0:
        try: socket.create_connection(('198.18.10.10', 9998), timeout=1)
        except OSError: pass
