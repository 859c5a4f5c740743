#!/bin/sh
# Checks the scale-out SQL (docs/scale-out.md, translated to PostgreSQL: `<=>` becomes equality on
# COALESCE(port, -1) (hashable), collect_list/concat_ws becomes string_agg ... ORDER BY) against
# `darkvec corpus` on a trace with header ts,src_ip,dst_port,proto,packets
# (proto as tcp/udp/icmp/icmpv6, ICMP ports empty, addresses canonical).
# Usage: check-postgres.sh TRACE.csv WINDOW MIN_PACKETS TOP_N   (needs a database "darkvec")
set -e
here=$(cd "$(dirname "$0")" && pwd)
repo=$here/../..
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$1" "$work/trace.csv"
python3 "$here/dks-table.py" "$repo/src/corpus/dks-services.json" > "$work/dks.csv"
cd "$work"
psql -q -d darkvec -v ON_ERROR_STOP=1 -v min_packets="$3" -v w="$2" -v top_n="$4" <<'SQL'
DROP VIEW IF EXISTS labelled_single, labelled_auto, labelled_dks, top_pairs, kept CASCADE;
DROP TABLE IF EXISTS packets, dks;
CREATE TABLE packets(ts float8, src_ip text, dst_port int, proto text, packets bigint, rid bigserial);
\copy packets(ts, src_ip, dst_port, proto, packets) FROM 'trace.csv' CSV HEADER
CREATE TABLE dks(proto text, dst_port int, service text);
\copy dks FROM 'dks.csv' CSV
ANALYZE packets; ANALYZE dks;
CREATE VIEW kept AS
SELECT p.* FROM packets p
JOIN (SELECT src_ip FROM packets GROUP BY src_ip HAVING SUM(packets) >= :min_packets) s USING (src_ip);
CREATE VIEW labelled_dks AS
SELECT k.ts, k.rid, k.src_ip, FLOOR(k.ts / :w)::bigint AS win, COALESCE(d.service, 'other') AS service
FROM kept k LEFT JOIN dks d ON d.proto = k.proto AND COALESCE(d.dst_port, -1) = COALESCE(k.dst_port, -1);
CREATE VIEW top_pairs AS
SELECT proto, dst_port FROM packets GROUP BY proto, dst_port
ORDER BY SUM(packets) DESC, CASE proto WHEN 'tcp' THEN 0 WHEN 'udp' THEN 1 WHEN 'icmp' THEN 2 ELSE 3 END, dst_port
LIMIT :top_n;
CREATE VIEW labelled_auto AS
SELECT k.ts, k.rid, k.src_ip, FLOOR(k.ts / :w)::bigint AS win,
       CASE WHEN t.proto IS NULL THEN 'other' WHEN k.dst_port IS NULL THEN k.proto
            ELSE CONCAT(k.dst_port, '/', k.proto) END AS service
FROM kept k LEFT JOIN top_pairs t ON t.proto = k.proto AND COALESCE(t.dst_port, -1) = COALESCE(k.dst_port, -1);
CREATE VIEW labelled_single AS
SELECT ts, rid, src_ip, FLOOR(ts / :w)::bigint AS win, 'all' AS service FROM kept;
SQL
for mode in single auto dks; do
  psql -q -d darkvec -At -v ON_ERROR_STOP=1 -o "pg-$mode.txt" -c "
    SELECT string_agg(src_ip, ' ' ORDER BY ts, rid) FROM (
      SELECT *, LAG(src_ip) OVER (PARTITION BY win, service ORDER BY ts, rid) AS prev FROM labelled_$mode) x
    WHERE prev IS NULL OR prev <> src_ip
    GROUP BY win, service ORDER BY win, service COLLATE \"C\""
done
cat pg-auto.txt pg-dks.txt > pg-hybrid.txt
for mode in single auto dks hybrid; do
  node "$repo/bin/darkvec.mjs" corpus --trace trace.csv --services "$mode" --window "$2" --min-packets "$3" --top-ports "$4" --out "darkvec-$mode.txt" > /dev/null
  cmp "pg-$mode.txt" "darkvec-$mode.txt" && echo "$mode: identical ($(wc -l < "pg-$mode.txt") sentences)"
done
