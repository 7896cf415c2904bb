# DnsLabIT's forger, run in the lab's server namespace: it answers the first query it gets on PORT, first
# with four forgeries (wrong id; right id from another port; right id from another address, 198.18.10.98,
# sent with IP_TRANSPARENT; right id for another question), then with the genuine answer 0.2 s later.
import socket, struct, sys, time

port = int(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("198.18.10.10", port))
s.settimeout(20)
print("ready", flush=True)
query, client = s.recvfrom(4096)
qid = query[:2]
i = 12
while query[i] != 0:
    i += query[i] + 1
question = query[12:i + 5]


def answer(id_bytes, q, address):
    header = id_bytes + b"\x81\x80" + b"\x00\x01\x00\x01\x00\x00\x00\x00"
    record = b"\xc0\x0c\x00\x01\x00\x01" + struct.pack(">I", 300) + b"\x00\x04" + socket.inet_aton(address)
    return header + q + record


wrong_id = struct.pack(">H", (struct.unpack(">H", qid)[0] + 1) & 0xFFFF)
s.sendto(answer(wrong_id, question, "6.6.6.1"), client)
other_port = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
other_port.bind(("198.18.10.10", 0))
other_port.sendto(answer(qid, question, "6.6.6.2"), client)
other_address = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
other_address.setsockopt(socket.SOL_IP, 19, 1)  # IP_TRANSPARENT: send from an address the host does not have
other_address.bind(("198.18.10.98", port))
other_address.sendto(answer(qid, question, "6.6.6.3"), client)
evil = b"\x04evil\x06netkit\x04test\x00\x00\x01\x00\x01"
s.sendto(answer(qid, evil, "6.6.6.4"), client)
time.sleep(0.2)
s.sendto(answer(qid, question, "198.18.10.10"), client)
print("answered", flush=True)
