"""Prints N random IPv4 prefixes (lengths MIN..32, host bits clear), the same for the same arguments."""
import random
import sys

count = int(sys.argv[1])
shortest = int(sys.argv[2]) if len(sys.argv) > 2 else 8
rng = random.Random(20260101)
out = []
for _ in range(count):
    length = rng.randint(shortest, 32)
    value = rng.getrandbits(32) & ((0xFFFFFFFF << (32 - length)) & 0xFFFFFFFF)
    out.append(f"{value >> 24}.{(value >> 16) & 255}.{(value >> 8) & 255}.{value & 255}/{length}\n")
sys.stdout.writelines(out)
