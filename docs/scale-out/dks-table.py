import json, sys
d = json.load(open(sys.argv[1]))
def pairs(spec):
    s = spec.strip().lower()
    if s in ("icmp", "icmpv6"):
        return [(s, None)]
    ports, proto = s.split("/")
    lo, _, hi = ports.partition("-")
    return [(p, port) for p in (["tcp", "udp"] if proto == "any" else [proto])
            for port in range(int(lo), int(hi or lo) + 1)]
dks = {}
for group in (d["services"], d["fallbacks"]):
    for name, specs in group.items():
        for spec in specs:
            for pair in pairs(spec):
                dks.setdefault(pair, name)
for (p, port), name in dks.items():
    print(f"{p},{'' if port is None else port},{name}")
