#!/usr/bin/env bash
# Ledger benchmark (issue 14, point 4) on PostgreSQL with public tools only (bash, curl, psql, awk).
#
#   bench/ledger.sh            # N=130 county plans shaped like plans/lufeng-2020.yaml (20 key tasks each)
#   N=10 bench/ledger.sh       # a quick run
#
# It builds the jar, creates a fresh database on the local PostgreSQL (PGHOST/PGPORT/PGUSER, default
# 127.0.0.1:5432 postgres), starts the app on the postgres profile (mail kept, not sent), imports N
# county plans one after another (each its own county: region cNNN), then times, 3 times each:
#   - one county's ledger as JSON (GET /api/ledger?county=c001, the coordinator's page data),
#   - the province's ledger as JSON (all N counties, with one summary row per county),
#   - the province's ledger as .xlsx (GET /api/ledger.xlsx: N x 20 key tasks),
# and prints min / median / max with the app's RSS. Results go to bench/RESULTS.md by hand.
set -euo pipefail
cd "$(dirname "$0")/.."

N="${N:-130}"
PORT="${PORT:-18090}"
MGMT_PORT="${MGMT_PORT:-18091}"
PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"
DB="campaign_bench"
ADMIN_PASSWORD="Bench-admin-2026"
WORK="$(mktemp -d)"
trap 'kill "$APP_PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "== build"
./mvnw -q -DskipTests package
JAR="$(ls target/campaign-desk-*.jar | head -1)"

echo "== fresh database $DB on $PGHOST:$PGPORT"
psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -q -c "drop database if exists $DB" -c "create database $DB" postgres

echo "== start the app (postgres profile, port $PORT)"
SPRING_PROFILES_ACTIVE=postgres \
CAMPAIGN_DESK_DB_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" CAMPAIGN_DESK_DB_USER="$PGUSER" CAMPAIGN_DESK_DB_PASSWORD="${PGPASSWORD:-}" \
CAMPAIGN_DESK_ADMIN_PASSWORD="$ADMIN_PASSWORD" CAMPAIGN_DESK_MANAGEMENT_PORT="$MGMT_PORT" PORT="$PORT" \
  java -jar "$JAR" --campaign-desk.mail.smtp-enabled=false > "$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
  curl -fs "http://localhost:$MGMT_PORT/actuator/health/readiness" > /dev/null 2>&1 && break
  sleep 1
done
curl -fs "http://localhost:$MGMT_PORT/actuator/health/readiness" > /dev/null || { tail -50 "$WORK/app.log"; exit 1; }

echo "== import $N county plans (20 key tasks each), one after another"
year="$(date +%Y)"
start=$(date +%s.%N)
for i in $(seq -f "%03g" 1 "$N"); do
  sed -e "s/^  id: lufeng-2020$/  id: bench-c$i-$year/" \
      -e "s/^  region: {id: lufeng, name: 禄丰县}$/  region: {id: c$i, name: 基准县$i}/" \
      -e "s/2020-/$year-/g" -e "s/year: 2020/year: $year/" -e "s/2021-/$((year + 1))-/g" \
      plans/lufeng-2020.yaml > "$WORK/plan.yaml"
  code=$(curl -s -o "$WORK/answer.json" -w '%{http_code}' -u "admin:$ADMIN_PASSWORD" \
    -H 'Content-Type: application/yaml' --data-binary @"$WORK/plan.yaml" "http://localhost:$PORT/api/plans")
  [ "$code" = 201 ] || { echo "import $i answered $code: $(cat "$WORK/answer.json")"; exit 1; }
done
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$N" 'BEGIN { printf "imported %d plans (%d key tasks) in %.1f s: %.1f key tasks/s\n", n, n*20, e-s, n*20/(e-s) }'
# The job executor opens campaigns and sends (keeps) mail meanwhile; let it settle before timing reads.
sleep 20
psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -q -c "analyze" "$DB"

time3() { # label url
  local label="$1" url="$2" times=()
  for _ in 1 2 3 4; do
    times+=("$(curl -s -o "$WORK/out" -w '%{time_total}' -u "admin:$ADMIN_PASSWORD" "$url")")
  done
  # The first request warms the server's code paths; the other three count.
  printf '%s\n' "${times[@]:1}" | sort -n | awk -v l="$label" -v size="$(wc -c < "$WORK/out")" \
    '{ t[NR] = $1 * 1000 } END { printf "%-48s min %6.0f  median %6.0f  max %6.0f ms   (%d bytes)\n", l, t[1], t[2], t[3], size }'
}

echo "== timings (min / median / max of 3, after one warm-up)"
rows=$(curl -s -u "admin:$ADMIN_PASSWORD" "http://localhost:$PORT/api/ledger?county=c001" | grep -o '"instanceId"' | wc -l)
echo "one county's ledger: $rows key tasks; open tasks in it: $(psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -tA -c "select count(*) from act_ru_task where tenant_id_ = 'c001'" "$DB")"
time3 "ledger JSON, one county (c001)" "http://localhost:$PORT/api/ledger?county=c001"
time3 "ledger JSON, province ($N counties)" "http://localhost:$PORT/api/ledger"
time3 "ledger.xlsx, province ($((N * 20)) key tasks)" "http://localhost:$PORT/api/ledger.xlsx"
echo "app RSS: $(( $(ps -o rss= -p "$APP_PID") / 1024 )) MB"
